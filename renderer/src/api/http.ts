// The browser host's transport: contract calls over HTTP, core events over server-sent events.
// Every failure on the way comes back as a Result with a code and a message that says what to do,
// and tells the connection, which mends the event stream when the host is back.
import { EVENT_NAMES } from '../../../shared/channels';
import type { EventName, Result, Transport } from '../../../shared/contract';
import { type Connection, type ConnectionOptions, createConnection, type ProbeResult } from './connection-store';
import { MESSAGES, SERVE_COMMAND } from './errors';

export interface HttpTransportOptions {
  token: string;
  fetch?: typeof fetch;
  EventSource?: new (url: string) => EventSourceLike;
  connection?: Omit<ConnectionOptions, 'probe' | 'reopen' | 'tokenMissing'>;
}

/** The part of EventSource the transport uses (so tests can give a fake one). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface HttpTransport extends Transport {
  connection: Connection;
}

const unavailable = { code: 'unavailable', message: MESSAGES.unavailable } as const;

/** The Result for a host's answer that is not a contract Result (refused token, broken proxy, old host). */
export function resultForResponse(status: number, body: unknown, tokenMissing: boolean): Result<unknown> {
  if (status === 401)
    return { ok: false, error: { code: 'unauthorized', message: tokenMissing ? MESSAGES.tokenMissing : MESSAGES.tokenStale } };
  if (isResult(body)) return body;
  const said = typeof body === 'object' && body && typeof (body as { message?: unknown }).message === 'string';
  const detail = said ? ` It said: “${(body as { message: string }).message}”` : '';
  if (status === 413) return { ok: false, error: { code: 'invalid_input', message: `The request is too large for the host.${detail}` } };
  if (status === 404)
    return {
      ok: false,
      error: { code: 'unsupported', message: `The host does not know this call: it may be another version. Reload the page.${detail}` },
    };
  return {
    ok: false,
    error: {
      code: 'internal',
      message: `The host answered with an error (HTTP ${status}).${detail} Try again; if it persists, restart ${SERVE_COMMAND}.`,
    },
  };
}

function isResult(body: unknown): body is Result<unknown> {
  if (typeof body !== 'object' || body === null || typeof (body as { ok?: unknown }).ok !== 'boolean') return false;
  const result = body as { ok: boolean; error?: { code?: unknown; message?: unknown } };
  return result.ok || (typeof result.error?.code === 'string' && typeof result.error.message === 'string');
}

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const { token } = options;
  const tokenMissing = token === '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const EventSourceImpl = options.EventSource ?? EventSource;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSourceLike | undefined;

  const probe = async (): Promise<ProbeResult> => {
    try {
      const response = await doFetch('/api/ping', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
      if (response.status === 401) return 'unauthorized';
      return response.ok ? 'ok' : 'lost';
    } catch {
      return 'lost';
    }
  };

  const openStream = () => {
    source?.close();
    const opened = new EventSourceImpl(`/api/events?token=${encodeURIComponent(token)}`);
    source = opened;
    opened.addEventListener('open', () => connection.reportOk());
    opened.addEventListener('error', () => {
      // The browser would retry by itself, but it cannot tell a stopped host from a refused token:
      // close, and let the connection probe and reopen.
      if (source !== opened) return;
      opened.close();
      source = undefined;
      connection.reportStreamError();
    });
    for (const name of EVENT_NAMES) {
      opened.addEventListener(name, (event) => {
        const payload = JSON.parse((event as MessageEvent<string>).data) as unknown;
        listeners.get(name)?.forEach((listener) => listener(payload));
      });
    }
  };

  const connection = createConnection({ ...options.connection, probe, reopen: openStream, tokenMissing });

  return {
    connection,
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await doFetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? null),
        });
      } catch {
        // fetch rejects only when no answer came: the host is stopped (or the page went offline).
        connection.reportFailure('lost');
        return { ok: false, error: unavailable };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        // A TypeError here is the answer cut off (the host stopped mid-call); a SyntaxError, not JSON.
        if (error instanceof TypeError) {
          connection.reportFailure('lost');
          return { ok: false, error: { code: 'unavailable', message: MESSAGES.cutOff } };
        }
        body = undefined;
      }
      const result = resultForResponse(response.status, body, tokenMissing);
      if (response.status === 401) connection.reportFailure('unauthorized');
      else connection.reportOk();
      return result;
    },
    on(event, listener) {
      if (!source && connection.getSnapshot().state === 'online') openStream();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (payload: unknown) => void);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
