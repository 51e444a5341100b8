import { describe, expect, it } from 'vitest';
import { ApiCallError, isConnectionError, MESSAGES, throwsToBoundary, toApiCallError, writeFailure } from './errors';

const err = (code: ApiCallError['code'], message: string, field?: string) => new ApiCallError({ code, message, field });

describe('failures as ApiCallError', () => {
  it('a fetch TypeError is a stopped host, in words that say what to do', () => {
    const error = toApiCallError(new TypeError('Failed to fetch'));
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(MESSAGES.unavailable);
    expect(error.message).not.toContain('Failed to fetch');
    expect(toApiCallError(new Error('IPC gone'))).toMatchObject({ code: 'internal' });
    const same = err('conflict', 'x');
    expect(toApiCallError(same)).toBe(same);
  });

  it('a failed write says nothing was saved, and keeps validation messages for its form', () => {
    const down = writeFailure(toApiCallError(new TypeError('Failed to fetch')));
    expect(down.code).toBe('unavailable');
    expect(down.message).toMatch(/^Not saved/);
    expect(down.message).toContain('npm run serve');
    expect(writeFailure(err('unauthorized', MESSAGES.tokenStale)).message).toBe(`Not saved. ${MESSAGES.tokenStale}`);
    expect(writeFailure(err('internal', 'The replica is read-only.')).message).toBe('Not saved. The replica is read-only.');
    const invalid = err('invalid_input', 'The end time is before the start time.', 'endedAt');
    expect(writeFailure(invalid)).toBe(invalid);
    // A full or read-only disk: the core's words already say it was not saved, and what to do.
    const full = err('storage', 'Not saved: the disk holding your data (/data) is full. Free some space on it, then try again.');
    expect(writeFailure(full)).toBe(full);
    // Cut off mid-answer: whether it was saved is unknown, and the message must not claim either.
    expect(writeFailure(err('unavailable', MESSAGES.cutOff)).message).toBe(MESSAGES.cutOff);
  });

  it('a read throws to its boundary unless a lost connection leaves its last data on screen', () => {
    const lost = err('unavailable', MESSAGES.unavailable);
    const token = err('unauthorized', MESSAGES.tokenStale);
    const broken = err('internal', 'boom');
    expect(isConnectionError(lost) && isConnectionError(token) && !isConnectionError(broken)).toBe(true);
    expect(throwsToBoundary(lost, false)).toBe(true);
    expect(throwsToBoundary(broken, false)).toBe(true);
    expect(throwsToBoundary(broken, true)).toBe(true);
    expect(throwsToBoundary(lost, true)).toBe(false);
    expect(throwsToBoundary(token, true)).toBe(false);
  });
});
