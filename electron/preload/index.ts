// Exposes exactly the contract to the renderer: invoke one of its channels, listen to one of its
// events; and, apart, Save as PDF (a file name only). No ipcRenderer, no Node, nothing else crosses.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL, SAVE_PDF_CHANNEL, type DesktopBridge, type SavePdfResult } from '../../shared/bridge';
import { CHANNELS, EVENT_NAMES, type Channel, type EventName, type Events } from '../../shared/channels';
import type { Result, Transport } from '../../shared/contract';

export const bridge: Transport = {
  invoke(channel: Channel, input: unknown): Promise<Result<unknown>> {
    if (!CHANNELS.includes(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unsupported', message: `Unknown API channel “${String(channel)}”.` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input) as Promise<Result<unknown>>;
  },
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event “${String(event)}”.`);
    const handler = (_event: IpcRendererEvent, name: EventName, payload: Events[E]) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

/** The desktop's one extra: Save as PDF (main checks the name and asks where). */
export const desktop: DesktopBridge = {
  savePdf: (suggestedName: string) => ipcRenderer.invoke(SAVE_PDF_CHANNEL, String(suggestedName)) as Promise<SavePdfResult>,
};

contextBridge.exposeInMainWorld('opsBridge', bridge);
contextBridge.exposeInMainWorld('opsDesktop', desktop);
