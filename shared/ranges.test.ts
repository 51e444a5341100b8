// Quick ranges and comparison periods, computed from a local day (never the machine's clock or
// zone): run under several TZ= values by the suite's zone matrix.
import { describe, expect, it } from 'vitest';
import { monthEnd, monthStart, previousRange, quickRange, quickRangeOf, rangeDays } from './ranges';

describe('quick ranges', () => {
  const today = '2026-11-29'; // a Sunday
  it('are whole calendar periods around today', () => {
    expect(quickRange('week', today)).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(quickRange('month', today)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(quickRange('quarter', today)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quickRange('12m', today)).toEqual({ from: '2025-12-01', to: '2026-11-30' });
  });
  it('cross year ends and leap days', () => {
    expect(quickRange('quarter', '2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(quickRange('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(quickRange('week', '2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(quickRange('12m', '2026-01-15')).toEqual({ from: '2025-02-01', to: '2026-01-31' });
  });
  it('are recognised back from a range (a custom one is not)', () => {
    expect(quickRangeOf({ from: '2026-11-01', to: '2026-11-30' }, today)).toBe('month');
    expect(quickRangeOf({ from: '2026-11-01', to: '2026-11-29' }, today)).toBeNull();
  });
});

describe('the comparison period', () => {
  it('is the same number of whole months before a month, quarter or year', () => {
    expect(previousRange({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousRange({ from: '2026-10-01', to: '2026-12-31' })).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(previousRange({ from: '2025-12-01', to: '2026-11-30' })).toEqual({ from: '2024-12-01', to: '2025-11-30' });
  });
  it('is the same number of days before a week or a custom range (across the Sydney DST change)', () => {
    expect(previousRange({ from: '2026-10-05', to: '2026-10-11' })).toEqual({ from: '2026-09-28', to: '2026-10-04' });
    expect(previousRange({ from: '2026-11-10', to: '2026-11-29' })).toEqual({ from: '2026-10-21', to: '2026-11-09' });
    expect(rangeDays({ from: '2026-10-01', to: '2026-10-31' })).toBe(31);
  });
  it('knows month ends', () => {
    expect(monthStart('2026-01-31', -1)).toBe('2025-12-01');
    expect(monthEnd('2026-02-14')).toBe('2026-02-28');
  });
});
