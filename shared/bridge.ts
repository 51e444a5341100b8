// Names of the two IPC channels between the Electron preload and main. Everything that crosses
// them is a contract call or a contract event.
export const INVOKE_CHANNEL = 'ops:invoke';
export const EVENT_CHANNEL = 'ops:event';

/** The desktop app's one other request: save the window as a PDF (Electron's printToPDF), through a save dialog. */
export const SAVE_PDF_CHANNEL = 'ops:save-pdf';

/** What main answers: saved (where), cancelled in the dialog (null), or why not. */
export type SavePdfResult = { ok: true; path: string | null } | { ok: false; message: string };

/** Exposed by the preload as `window.opsDesktop`; absent in the browser host. */
export interface DesktopBridge {
  /** Asks where to save, suggesting this file name, and writes the window as it prints. */
  savePdf(suggestedName: string): Promise<SavePdfResult>;
}
