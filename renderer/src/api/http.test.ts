import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGES } from './errors';
import { createHttpTransport, type EventSourceLike, resultForResponse } from './http';

class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  readonly listeners = new Map<string, ((event: Event) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, listener: (event: Event) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data?: unknown) {
    const event = data === undefined ? new Event(type) : new MessageEvent(type, { data: JSON.stringify(data) });
    this.listeners.get(type)?.forEach((listener) => listener(event));
  }
}

type Answer = Response | Error;
const made: { connection: { dispose(): void } }[] = [];
afterEach(() => made.splice(0).forEach((t) => t.connection.dispose()));

function transport(answers: Record<string, Answer[]>, token = 'tok') {
  FakeEventSource.all = [];
  const calls: string[] = [];
  const fakeFetch = (async (input: string) => {
    calls.push(input);
    // Answers in order; the last one repeats (the probe loop keeps asking).
    const list = answers[input] ?? [];
    const answer = list.length > 1 ? list.shift() : list[0] instanceof Response ? list[0].clone() : list[0];
    if (!answer) throw new Error(`the test gave no answer for ${input}`);
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as typeof fetch;
  const http = createHttpTransport({
    token,
    fetch: fakeFetch,
    EventSource: FakeEventSource,
    // Real timers, no waiting: each probe runs on the next turn.
    connection: { backoffMs: { first: 0, max: 0 } },
  });
  made.push(http);
  return { http, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const refused = () => new TypeError('Failed to fetch');
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('browser host transport', () => {
  it('passes the core’s results through, failures included', async () => {
    const { http } = transport({
      '/api/invoke/timer.get': [json({ ok: true, value: null })],
      '/api/invoke/entries.create': [
        json({ ok: false, error: { code: 'invalid_input', message: 'Choose a project.', field: 'projectId' } }),
      ],
    });
    expect(await http.invoke('timer.get', null)).toEqual({ ok: true, value: null });
    expect(await http.invoke('entries.create', {})).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Choose a project.', field: 'projectId' },
    });
    expect(http.connection.getSnapshot().state).toBe('online');
  });

  it('a host that does not answer is "unavailable" with what to do, never "Failed to fetch", and the connection is lost', async () => {
    const { http } = transport({ '/api/invoke/timer.get': [refused()], '/api/ping': [refused(), refused(), refused()] });
    const result = await http.invoke('timer.get', null);
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: MESSAGES.unavailable } });
    expect(MESSAGES.unavailable).toContain('npm run serve');
    expect(JSON.stringify(result)).not.toContain('Failed to fetch');
    expect(http.connection.getSnapshot().state).toBe('lost');
  });

  it('a refused token is "unauthorized": stale when the page had one, missing when it had none', async () => {
    const stale = transport({ '/api/invoke/timer.get': [json({ message: 'Missing or wrong token' }, 401)] });
    expect(await stale.http.invoke('timer.get', null)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: MESSAGES.tokenStale },
    });
    expect(stale.http.connection.getSnapshot()).toMatchObject({ state: 'unauthorized', tokenMissing: false });

    const none = transport({ '/api/invoke/timer.get': [json({ message: 'Missing or wrong token' }, 401)] }, '');
    expect(await none.http.invoke('timer.get', null)).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: MESSAGES.tokenMissing },
    });
    expect(none.http.connection.getSnapshot()).toMatchObject({ state: 'unauthorized', tokenMissing: true });
  });

  it('an answer cut off midway says it cannot tell whether a write was saved', async () => {
    const cut = new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"ok":tr'));
          controller.error(new TypeError('network error'));
        },
      }),
    );
    const { http } = transport({ '/api/invoke/entries.delete': [cut], '/api/ping': [refused(), refused()] });
    expect(await http.invoke('entries.delete', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: MESSAGES.cutOff },
    });
  });

  it('an event stream that breaks is probed; when the host is back it is reopened and events flow again', async () => {
    const { http, calls } = transport({ '/api/ping': [refused(), json({ ok: true })] });
    const seen: unknown[] = [];
    http.on('timer.changed', (timer) => seen.push(timer));
    expect(FakeEventSource.all).toHaveLength(1);
    const first = FakeEventSource.all[0]!;
    expect(first.url).toBe('/api/events?token=tok');
    first.emit('timer.changed', null);
    expect(seen).toEqual([null]);

    first.emit('error');
    expect(first.closed).toBe(true);
    await settle();
    expect(calls.filter((c) => c === '/api/ping')).toHaveLength(2);
    expect(FakeEventSource.all).toHaveLength(2);
    expect(http.connection.getSnapshot()).toMatchObject({ state: 'online', reconnects: 1 });
    FakeEventSource.all[1]!.emit('timer.changed', { id: 't' });
    expect(seen).toEqual([null, { id: 't' }]);
  });

  it('an event stream refused for its token leaves the connection unauthorized, with no stream open', async () => {
    const { http } = transport({ '/api/ping': [json({ message: 'Missing or wrong token' }, 401)] });
    http.on('data.changed', () => undefined);
    FakeEventSource.all[0]!.emit('error');
    await settle();
    expect(http.connection.getSnapshot().state).toBe('unauthorized');
    expect(FakeEventSource.all).toHaveLength(1);
  });
});

describe('answers that are not contract results', () => {
  it('say what happened with the HTTP status and the host’s words', () => {
    const failed = resultForResponse(500, undefined, false);
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(!failed.ok && failed.error.message).toContain('HTTP 500');
    const old = resultForResponse(404, { message: 'No such API route.' }, false);
    expect(old).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(!old.ok && old.error.message).toContain('No such API route.');
    expect(resultForResponse(413, { message: 'Request too large.' }, false)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // A 400 with a contract result (invalid JSON) is the core's own answer.
    const bad = { ok: false, error: { code: 'invalid_input', message: 'The request body is not valid JSON.' } };
    expect(resultForResponse(400, bad, false)).toEqual(bad);
  });
});
