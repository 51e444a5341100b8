import { describe, expect, it } from 'vitest';
import { centsToDollars, dollarsToCents } from './money-input';

describe('dollars typed into a lead', () => {
  it('reads whole dollars, cents, thousands separators and a dollar sign', () => {
    expect(dollarsToCents('12000')).toBe(1_200_000);
    expect(dollarsToCents('$12,000.5')).toBe(1_200_050);
    expect(dollarsToCents(' 0.07 ')).toBe(7);
  });
  it('leaves an empty field unset and marks anything else as not a number', () => {
    expect(dollarsToCents('')).toBeNull();
    expect(dollarsToCents('12k')).toBeNaN();
    expect(dollarsToCents('1.234')).toBeNaN();
    expect(dollarsToCents('-5')).toBeNaN();
  });
  it('writes cents back as dollars the field reads again', () => {
    expect(centsToDollars(1_200_000)).toBe('12000');
    expect(centsToDollars(1_200_050)).toBe('12000.50');
    expect(dollarsToCents(centsToDollars(123_456_789))).toBe(123_456_789);
  });
});
