import { describe, expect, it } from 'vitest';
import { formatMs, isFinished, shortId, statusTone } from './format';

describe('pipelines formatting', () => {
  it('formats durations from milliseconds to days', () => {
    expect(formatMs(null)).toBe('—');
    expect(formatMs(-5)).toBe('—');
    expect(formatMs(860)).toBe('0.9 s');
    expect(formatMs(42_000)).toBe('42 s');
    expect(formatMs(185_000)).toBe('3 min 5 s');
    expect(formatMs(120_000)).toBe('2 min');
    expect(formatMs(2 * 3_600_000 + 4 * 60_000)).toBe('2 h 4 min');
    expect(formatMs(5 * 86_400_000)).toBe('5 days');
  });

  it('knows which statuses are final and how they look', () => {
    expect(['requested', 'queued', 'running'].map(isFinished)).toEqual([false, false, false]);
    expect(['succeeded', 'failed', 'cancelled'].map(isFinished)).toEqual([true, true, true]);
    expect(statusTone('failed')).toBe('danger');
    expect(statusTone('succeeded')).toBe('positive');
    expect(shortId('01a226fe-66c5-7593-8517-da8f5cc344d3')).toBe('5cc344d3'); // the random end, not the time
  });
});
