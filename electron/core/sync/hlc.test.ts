import { describe, expect, it } from 'vitest';
import { CLOCK_BOUND_MS, checkedHlc, HybridClock, isWellFormedHlc, parseHlc } from './hlc';

describe('HybridClock', () => {
  it('issues strictly increasing stamps even when the wall clock stalls or goes back', () => {
    let wall = 1_700_000_000_000;
    const clock = new HybridClock('client-a', null, () => wall);
    const stamps = [clock.tick(), clock.tick()];
    wall -= 5_000; // the laptop's clock jumps back
    stamps.push(clock.tick());
    wall += 60_000;
    stamps.push(clock.tick());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('orders after every stamp it has observed from elsewhere, within the bound', () => {
    const clock = new HybridClock('client-a', null, () => 1_000_000);
    const remote = new HybridClock('client-b', null, () => 1_000_000 + CLOCK_BOUND_MS - 1).tick();
    clock.observe(remote);
    expect(clock.tick() > remote).toBe(true);
  });

  it('is not dragged ahead by a stamp from a clock running past the bound', () => {
    const clock = new HybridClock('client-a', null, () => 1_000_000);
    const dayAhead = new HybridClock('client-b', null, () => 1_000_000 + 86_400_000).tick();
    clock.observe(dayAhead);
    expect(parseHlc(clock.tick()).ms).toBe(1_000_000);
    clock.observe('garbage'); // a malformed stamp is ignored, never thrown on
    expect(checkedHlc(dayAhead, 1_000_000)).toBe('');
    expect(checkedHlc('not-a-stamp', 1_000_000)).toBe('');
    expect(checkedHlc(clock.tick(), 1_000_000)).not.toBe('');
  });

  it('stamps whole milliseconds even from a fractional clock (a monotonic one)', () => {
    const stamp = new HybridClock('client-a', null, () => 1_000_000.75).tick();
    expect(isWellFormedHlc(stamp)).toBe(true);
    expect(parseHlc(stamp).ms).toBe(1_000_000);
  });

  it('breaks ties by client id', () => {
    const a = new HybridClock('client-a', null, () => 5_000).tick();
    const b = new HybridClock('client-b', null, () => 5_000).tick();
    expect(a < b).toBe(true);
    expect(parseHlc(b)).toEqual({ ms: 5_000, counter: 0, node: 'client-b' });
  });

  it('resumes after its last persisted stamp', () => {
    const first = new HybridClock('client-a', null, () => 10_000);
    const last = first.tick();
    const resumed = new HybridClock('client-a', last, () => 2_000);
    expect(resumed.tick() > last).toBe(true);
  });
});
