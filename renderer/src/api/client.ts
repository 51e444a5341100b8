// The one API client. The renderer never knows which transport carries its calls: the Electron
// preload (window.opsBridge) or the browser host (HTTP + server-sent events).
import type { ApiError, Channel, EventName, Events, Input, Output, Result, Transport } from '../../../shared/contract';
import { EVENT_NAMES } from '../../../shared/channels';

declare global {
  interface Window {
    opsBridge?: Transport;
  }
}

export class ApiCallError extends Error implements ApiError {
  readonly code: ApiError['code'];
  readonly field?: string;

  constructor(error: ApiError) {
    super(error.message);
    this.code = error.code;
    this.field = error.field;
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

function httpTransport(): Transport {
  const token = browserToken();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | undefined;
  const connect = () => {
    source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    for (const name of EVENT_NAMES) {
      source.addEventListener(name, (event) => {
        const payload = JSON.parse((event as MessageEvent<string>).data) as unknown;
        listeners.get(name)?.forEach((listener) => listener(payload));
      });
    }
  };
  return {
    async invoke(channel, input) {
      const response = await fetch(`/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? null),
      });
      if (response.status === 401) {
        return {
          ok: false,
          error: { code: 'unsupported', message: 'This page has no valid token. Open the URL that `npm run serve` printed.' },
        };
      }
      return (await response.json()) as Result<unknown>;
    },
    on(event, listener) {
      if (!source) connect();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}

const transport: Transport = window.opsBridge ?? httpTransport();

export async function invoke<C extends Channel>(channel: C, input?: Input<C>): Promise<Output<C>> {
  const result = await transport.invoke(channel, input ?? null);
  if (!result.ok) throw new ApiCallError(result.error);
  return result.value as Output<C>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return transport.on(event, listener);
}
