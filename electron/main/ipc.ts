// The IPC bridge: one handler that forwards contract calls to the core, answered only for the
// app's own frame; core events are forwarded to the window.
import { ipcMain, type WebContents } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../shared/bridge';
import { EVENT_NAMES, type Result } from '../../shared/contract';
import type { Core } from '../core/api';
import { isTrustedSender } from './security';

export function registerIpc(core: Core, origin: string): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, origin)) {
      return { ok: false, error: { code: 'unsupported', message: 'Refused: this call did not come from the app window.' } };
    }
    // The core checks the channel name and validates the input against its schema.
    return core.invoke(String(channel), input);
  });
}

export function forwardEvents(core: Core, contents: WebContents): () => void {
  const offs = EVENT_NAMES.map((name) =>
    core.on(name, (payload) => {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}
