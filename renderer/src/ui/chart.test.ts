import { describe, expect, it } from 'vitest';
import { nameLines, percentTicks } from './chart';

describe('percentTicks', () => {
  it('always reaches 100 %, in steps of 25', () => {
    expect(percentTicks(0)).toEqual([0, 25, 50, 75, 100]);
    expect(percentTicks(82.1)).toEqual([0, 25, 50, 75, 100]);
    expect(percentTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(percentTicks(Number.NaN)).toEqual([0, 25, 50, 75, 100]);
  });
  it('goes past 100 % to the next round tick above the highest bar', () => {
    expect(percentTicks(123.9)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(percentTicks(125.1)).toEqual([0, 25, 50, 75, 100, 125, 150]);
  });
  it('takes longer steps for a far outlier, so the axis stays readable', () => {
    expect(percentTicks(260)).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expect(percentTicks(820)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
  });
});

describe('nameLines', () => {
  it('puts the first word on one line and the rest on the next', () => {
    expect(nameLines('Lachlan Thompson')).toEqual(['Lachlan', 'Thompson']);
    expect(nameLines('Mary Anne de Vries')).toEqual(['Mary', 'Anne de Vries']);
    expect(nameLines('Cher')).toEqual(['Cher']);
  });
});
