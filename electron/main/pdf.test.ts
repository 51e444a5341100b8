// Save as PDF with `electron` mocked: the name rules as a table, and the channel — only the app
// frame, only a checked name, the save dialog suggests it, printToPDF's bytes land where the user
// chose (".pdf" added), cancelling writes nothing, a failed write says where and what to do.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkPdfName, MAX_PDF_NAME, withPdfExtension } from './pdf-request';

const mocks = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  showSaveDialog: vi.fn(),
  fromWebContents: vi.fn(() => ({ id: 1 })),
  exposed: {} as Record<string, unknown>,
  ipcRendererInvoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, path: '/tmp/x.pdf' })),
}));

vi.mock('electron', () => ({
  app: { getPath: (which: string) => `/home/user/${which}` },
  BrowserWindow: { fromWebContents: mocks.fromWebContents },
  dialog: { showSaveDialog: mocks.showSaveDialog },
  ipcMain: { handle: (channel: string, handler: (...args: unknown[]) => unknown) => mocks.handlers.set(channel, handler) },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (mocks.exposed[key] = api) },
  ipcRenderer: { invoke: mocks.ipcRendererInvoke, on: vi.fn(), removeListener: vi.fn() },
}));

const { registerSavePdf } = await import('./pdf');
const { APP_ORIGIN } = await import('./security');

describe('a suggested PDF name', () => {
  it.each([
    ['Invoice INV-2026-K7Q2-0007.pdf', 'Invoice INV-2026-K7Q2-0007.pdf'],
    ['Invoice INV-2026-K7Q2-0007', 'Invoice INV-2026-K7Q2-0007.pdf'],
    ['  Report.PDF ', 'Report.PDF'],
  ])('%j is kept as %j', (input, name) => {
    expect(checkPdfName(input)).toEqual({ ok: true, name });
  });

  it.each([
    ['../../.ssh/authorized_keys', /character/],
    ['C:\\Windows\\evil.pdf', /character/],
    ['/etc/passwd', /character/],
    ['a\u0000b.pdf', /character/],
    ['line\nbreak', /character/],
    ['what?.pdf', /character/],
    ['', /empty/],
    ['   ', /empty/],
    ['..', /empty/],
    ['.pdf', /empty/],
    ['x'.repeat(MAX_PDF_NAME), /longer/],
    [42, /text/],
    [{ name: 'x' }, /text/],
    [null, /text/],
  ])('%j is refused', (input, message) => {
    const result = checkPdfName(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('adds .pdf to a chosen path without it, and keeps one that has it', () => {
    expect(withPdfExtension('/home/user/Invoice')).toBe('/home/user/Invoice.pdf');
    expect(withPdfExtension('/home/user/a.PDF')).toBe('/home/user/a.PDF');
  });
});

describe('the Save as PDF channel', () => {
  registerSavePdf(APP_ORIGIN);
  const handler = mocks.handlers.get('ops:save-pdf')!;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-pdf-'));
  const printToPDF = vi.fn(async (_options: unknown) => Buffer.from('%PDF-1.7 invoice'));
  const appFrame = { senderFrame: { url: 'app://ops/index.html#/invoices/x', parent: null }, sender: { printToPDF } };
  beforeEach(() => {
    mocks.showSaveDialog.mockReset();
    printToPDF.mockClear();
  });

  it('suggests the name in the documents folder and writes the PDF where the user chose', async () => {
    const chosen = path.join(dir, 'My invoice');
    mocks.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen });
    const result = await handler(appFrame, 'Invoice INV-2026-K7Q2-0007');
    expect(result).toEqual({ ok: true, path: `${chosen}.pdf` });
    expect(mocks.showSaveDialog).toHaveBeenCalledWith(
      { id: 1 },
      expect.objectContaining({
        defaultPath: '/home/user/documents/Invoice INV-2026-K7Q2-0007.pdf',
        filters: [{ name: 'PDF', extensions: ['pdf'] }],
      }),
    );
    expect(printToPDF).toHaveBeenCalledWith(expect.objectContaining({ preferCSSPageSize: true }));
    expect(fs.readFileSync(`${chosen}.pdf`, 'utf8')).toBe('%PDF-1.7 invoice');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    mocks.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await handler(appFrame, 'Invoice.pdf')).toEqual({ ok: true, path: null });
    expect(printToPDF).not.toHaveBeenCalled();
  });

  it('refuses another frame and a bad name without showing a dialog', async () => {
    for (const senderFrame of [{ url: 'https://evil.example/', parent: null }, { url: 'app://ops/index.html', parent: {} }, null]) {
      expect(await handler({ senderFrame, sender: { printToPDF } }, 'Invoice.pdf')).toMatchObject({ ok: false });
    }
    expect(await handler(appFrame, '../../etc/cron.d/x')).toMatchObject({ ok: false, message: expect.stringMatching(/character/) });
    expect(mocks.showSaveDialog).not.toHaveBeenCalled();
    expect(printToPDF).not.toHaveBeenCalled();
  });

  it('says where it could not write, and what to do', async () => {
    mocks.showSaveDialog.mockResolvedValue({ canceled: false, filePath: path.join(dir, 'missing-folder', 'x.pdf') });
    expect(await handler(appFrame, 'x.pdf')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/could not be saved to .*missing-folder.*Choose another folder/),
    });
  });
});

describe('the preload', () => {
  it('exposes Save as PDF as one function that sends only a name on its channel', async () => {
    await import('../preload/index');
    const desktop = mocks.exposed.opsDesktop as { savePdf: (name: unknown) => Promise<unknown> };
    expect(Object.keys(desktop)).toEqual(['savePdf']);
    await desktop.savePdf('Invoice INV-1.pdf');
    expect(mocks.ipcRendererInvoke).toHaveBeenCalledWith('ops:save-pdf', 'Invoice INV-1.pdf');
  });
});
