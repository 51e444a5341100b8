import { describe, expect, it } from 'vitest';
import { rank, type PaletteItem } from './rank';
import { readRecent, rememberPick, RECENT_MAX } from './recent';

const item = (key: string, group: string, label: string): PaletteItem => ({ key, group, label, run: () => undefined });

describe('rank', () => {
  const items = [
    item('screen:/billing', 'Screens', 'Billing'),
    ...Array.from({ length: 30 }, (_, i) => item(`project:${i}`, 'Projects', `Pipeline MVP ${i}`)),
    item('client:1', 'Clients', 'Brisbane Learning'),
  ];

  it('caps each group, but never drops a recent pick', () => {
    const shown = rank(items, 'pipeline', ['project:29'], 5);
    expect(shown.filter((i) => i.group === 'Projects')).toHaveLength(6);
    expect(shown[0]!.key).toBe('project:29');
  });

  it('matches fuzzily and leaves out what does not match', () => {
    const shown = rank(items, 'brislrn', []);
    expect(shown.map((i) => i.key)).toEqual(['client:1']);
  });

  it('puts recent picks first when nothing is typed, newest first', () => {
    const shown = rank(items, '', ['client:1', 'screen:/billing']);
    expect(shown.slice(0, 2).map((i) => i.key)).toEqual(['client:1', 'screen:/billing']);
  });
});

describe('recent picks', () => {
  const memory = () => {
    const map = new Map<string, string>();
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
  };

  it('keeps the last few, newest first, without repeats', () => {
    const storage = memory();
    for (let i = 0; i < RECENT_MAX + 3; i++) rememberPick(`k${i}`, storage);
    rememberPick('k5', storage);
    const recent = readRecent(storage);
    expect(recent).toHaveLength(RECENT_MAX);
    expect(recent[0]).toBe('k5');
    expect(recent.filter((k) => k === 'k5')).toHaveLength(1);
  });

  it('survives a damaged value', () => {
    const storage = memory();
    storage.setItem('ops-console-palette-recent', '{not json');
    expect(readRecent(storage)).toEqual([]);
    expect(rememberPick('a', storage)).toEqual(['a']);
  });
});
