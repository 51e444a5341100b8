// The one API client. The renderer never knows which transport carries its calls: the Electron
// preload (window.opsBridge) or the browser host (HTTP + server-sent events). Every failure, the
// transport's included, reaches callers as an ApiCallError with a code and a message that says
// what to do (see errors.ts); the state of the way to the core is `connection` (see connection.ts).
import type { Channel, EventName, Events, Input, Output, Transport } from '../../../shared/contract';
import { type Connection, createConnection } from './connection-store';
import { ApiCallError, toApiCallError } from './errors';
import { createHttpTransport } from './http';

export { ApiCallError } from './errors';

declare global {
  interface Window {
    opsBridge?: Transport;
  }
}

const TOKEN_KEY = 'ops-console-token';

/** Takes the browser host's token from the URL once, then keeps it out of the address bar. */
function browserToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function pickTransport(): { transport: Transport; connection: Connection } {
  // IPC to the app's own main process has no way to get lost: its connection stays online.
  if (window.opsBridge) return { transport: window.opsBridge, connection: createConnection({ probe: async () => 'ok' }) };
  const http = createHttpTransport({ token: browserToken() });
  return { transport: http, connection: http.connection };
}

const picked = pickTransport();
const transport = picked.transport;
export const connection: Connection = picked.connection;

export async function invoke<C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> {
  let result;
  try {
    result = await transport.invoke(channel, input ?? null);
  } catch (error) {
    throw toApiCallError(error);
  }
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value as Output<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return transport.on(event, listener);
}
