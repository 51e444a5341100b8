import { describe, expect, it } from 'vitest';
import { drillFilters } from './DrillDown';

describe('drillFilters: what a drill-down CSV says it was filtered by', () => {
  it('is the channel input as given, without the row limit or a field left out', () => {
    expect(
      drillFilters({ figure: 'billableHours', consultantId: 'c1', from: '2026-10-01', to: '2026-11-27', week: undefined, limit: 1000 }),
    ).toEqual([
      ['figure', 'billableHours'],
      ['consultantId', 'c1'],
      ['from', '2026-10-01'],
      ['to', '2026-11-27'],
    ]);
  });
  it('says several statuses as one value, and nothing for no drill', () => {
    expect(drillFilters({ from: '2026-11-02', to: '2026-11-02', status: ['requested', 'queued'] })).toEqual([
      ['from', '2026-11-02'],
      ['to', '2026-11-02'],
      ['status', 'requested or queued'],
    ]);
    expect(drillFilters(null)).toEqual([]);
  });
});
