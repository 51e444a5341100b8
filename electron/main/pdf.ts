// Save as PDF in the desktop app: the app window asks (one narrow channel), main shows the save
// dialog with the suggested name and writes Electron's printToPDF of the window (print stylesheet).
import { BrowserWindow, dialog, ipcMain, app } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SAVE_PDF_CHANNEL, type SavePdfResult } from '../../shared/bridge';
import { checkPdfName, withPdfExtension } from './pdf-request';
import { isTrustedSender } from './security';

export function registerSavePdf(origin: string): void {
  ipcMain.handle(SAVE_PDF_CHANNEL, async (event, suggested: unknown): Promise<SavePdfResult> => {
    if (!isTrustedSender(event.senderFrame, origin))
      return { ok: false, message: 'Refused: this request did not come from the app window.' };
    const name = checkPdfName(suggested);
    if (!name.ok) return name;
    const window = BrowserWindow.fromWebContents(event.sender);
    const options = {
      title: 'Save as PDF',
      defaultPath: path.join(app.getPath('documents'), name.name),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { ok: true, path: null };
    const file = withPdfExtension(choice.filePath);
    try {
      const pdf = await event.sender.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: false });
      await fs.writeFile(file, pdf);
      return { ok: true, path: file };
    } catch (error) {
      return { ok: false, message: `The PDF could not be saved to ${file}: ${(error as Error).message}. Choose another folder.` };
    }
  });
}
