import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './zod-messages';

const messageOf = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues[0]?.message;

describe('messages of checks without their own', () => {
  it('name the field and what to give, never zod’s own words', () => {
    const schema = z.object({ billable: z.boolean(), limit: z.number().int().min(1).max(5000), note: z.string().max(3) }).strict();
    const valid = { billable: true, limit: 5, note: 'ok' };
    expect(messageOf(schema, { ...valid, billable: [] })).toBe('“billable” must be true or false, not a list.');
    expect(messageOf(schema, { ...valid, limit: 1.5 })).toBe('“limit” must be a whole number, not 1.5.');
    expect(messageOf(schema, { ...valid, limit: 5001 })).toBe('“limit” must be at most 5000.');
    expect(messageOf(schema, { ...valid, limit: 0 })).toBe('“limit” must be at least 1.');
    expect(messageOf(schema, { ...valid, note: 'long' })).toBe('“note” can be at most 3 characters long.');
    expect(messageOf(schema, { limit: 5, note: '' })).toBe('“billable” is missing: give true or false.');
    expect(messageOf(schema, { ...valid, __proto__x: 1 })).toBe('“__proto__x” is not a field this call takes: remove it.');
    expect(messageOf(schema, 'text')).toBe('The input must be named values (a JSON object), not text.');
    expect(messageOf(z.enum(['a', 'b']), 'c')).toBe('The input must be one of a, b.');
  });

  it('leave a check’s own message alone', () => {
    expect(messageOf(z.boolean({ message: 'On or off.' }), 1)).toBe('On or off.');
    expect(messageOf(z.number().max(3, 'Three at most.'), 4)).toBe('Three at most.');
  });

  it('bound what they repeat of the input', () => {
    const key = 'k'.repeat(100_000);
    expect(messageOf(z.object({}).strict(), { [key]: 1 })!.length).toBeLessThan(100);
  });
});
