// How a feature declares its channels, and how the slices become the one contract. A slice's
// channel names all start with its feature's prefixes (checked by the compiler and at load), and
// merging fails loudly on a name two slices both claim.
import type { z } from 'zod';

/** Marks a channel's output type; it carries no runtime value. */
export function returns<T>(): T {
  return undefined as T;
}

export interface ChannelSpec {
  input: z.ZodType;
  output: unknown;
  /**
   * The tables a successful call changes. The core announces them once (`data.changed`, and
   * `timer.changed` when the running timer is among them), so no handler has to.
   */
  touches?: readonly string[];
}

type Slice<P extends string> = Record<`${P}.${string}`, ChannelSpec>;

/** One feature's channels; every name must start with one of `prefixes` and a dot. */
export function defineFeature<const P extends string, const S extends Slice<P>>(prefixes: readonly P[], slice: S): S {
  for (const name of Object.keys(slice)) {
    if (!prefixes.some((p) => name.startsWith(`${p}.`))) {
      throw new Error(`Channel “${name}” does not start with the feature's prefixes (${prefixes.join(', ')}).`);
    }
  }
  return slice;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** All slices as one contract; a channel defined twice is an error at load, not a silent overwrite. */
export function mergeContracts<const T extends readonly Record<string, ChannelSpec>[]>(...slices: T): UnionToIntersection<T[number]> {
  const merged: Record<string, ChannelSpec> = {};
  for (const slice of slices) {
    for (const [name, spec] of Object.entries(slice)) {
      if (name in merged) throw new Error(`Channel “${name}” is defined twice.`);
      merged[name] = spec;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}
