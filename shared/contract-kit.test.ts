import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, contract } from './contract';
import { defineFeature, mergeContracts, returns } from './contract-kit';

const spec = { input: z.object({}), output: returns<null>() };

describe('contract slices', () => {
  it('refuses a channel outside the feature’s prefixes', () => {
    expect(() => defineFeature(['hours'], { 'hours.list': spec, ...({ 'billing.list': spec } as object) })).toThrow(
      /“billing.list” does not start with the feature's prefixes/,
    );
  });

  it('refuses a channel two slices both define, instead of keeping one silently', () => {
    const a = defineFeature(['a'], { 'a.one': spec });
    const b = defineFeature(['a'], { 'a.one': spec });
    expect(() => mergeContracts(a, b)).toThrow(/“a.one” is defined twice/);
  });

  it('assembles every slice in shared/features, and names the same channels as the preload’s list', () => {
    const slices = fs
      .readdirSync(path.join(__dirname, 'features'))
      .filter((f) => fs.existsSync(path.join(__dirname, 'features', f, 'contract.ts')));
    const assembly = fs.readFileSync(path.join(__dirname, 'contract.ts'), 'utf8');
    for (const feature of slices) expect(assembly, `${feature} is not merged`).toContain(`./features/${feature}/contract`);
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
  });
});
