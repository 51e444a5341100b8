import { describe, expect, it } from 'vitest';
import { parseDollars } from './money';

describe('parseDollars', () => {
  it.each([
    ['3000', 300000],
    ['3,000.50', 300050],
    ['$ 3,000.5', 300050],
    ['0.07', 7],
    ['1234567.89', 123456789],
    ['', null],
    ['3.005', null],
    ['-5', null],
    ['1e3', null],
    ['abc', null],
    ['.5', null],
  ])('%j → %s', (text, cents) => {
    expect(parseDollars(text)).toBe(cents);
  });
});
