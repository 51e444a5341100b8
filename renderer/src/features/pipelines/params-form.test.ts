import { describe, expect, it } from 'vitest';
import { checkField, describeParams, fieldOfError, fieldsFromSchema, initialValues, toParams, validate } from './params-form';

const DATE = { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$', description: 'A day, YYYY-MM-DD' };
const sweep = {
  type: 'object',
  properties: {
    strategy: { type: 'string', enum: ['mean-reversion', 'momentum', 'pairs-trading'], default: 'mean-reversion' },
    from: { ...DATE, default: '2021-01-01' },
    grid_size: { type: 'integer', minimum: 4, maximum: 512, default: 64, description: 'Parameter sets to backtest' },
  },
  required: ['strategy'],
  additionalProperties: false,
};
const sync = {
  type: 'object',
  properties: {
    mode: { type: 'string', enum: ['incremental', 'full'], default: 'incremental' },
    since: { ...DATE, description: 'Incremental from this day (default: the last run)' },
    entities: {
      type: 'array',
      items: { type: 'string', enum: ['invoices', 'contacts', 'payments'] },
      minItems: 1,
      uniqueItems: true,
      default: ['invoices', 'contacts'],
    },
    dry_run: { type: 'boolean', default: false },
    recipients: { type: 'array', items: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$' }, maxItems: 2, default: [] },
  },
};

describe('the trigger form from a params schema', () => {
  it('picks a control per schema type, with labels, hints and bounds', () => {
    const fields = fieldsFromSchema(sweep);
    expect(fields.map((f) => [f.name, f.kind, f.label, f.required])).toEqual([
      ['strategy', 'select', 'Strategy', true],
      ['from', 'text', 'From', false],
      ['grid_size', 'number', 'Grid size', false],
    ]);
    expect(fields[2]).toMatchObject({ integer: true, minimum: 4, maximum: 512, description: 'Parameter sets to backtest' });
    expect(fieldsFromSchema(sync).map((f) => f.kind)).toEqual(['select', 'text', 'checkboxes', 'checkbox', 'list']);
    expect(fieldsFromSchema({})).toEqual([]);
  });

  it('starts from the defaults, and the defaults are valid', () => {
    const fields = fieldsFromSchema(sync);
    const values = initialValues(fields);
    expect(values).toEqual({ mode: 'incremental', since: '', entities: ['invoices', 'contacts'], dry_run: false, recipients: '' });
    expect(validate(fields, values)).toEqual({});
    expect(toParams(fields, values)).toEqual({ mode: 'incremental', entities: ['invoices', 'contacts'], dry_run: false, recipients: [] });
  });

  it('refuses values out of bounds, not whole, not a number, not in the enum, missing', () => {
    const [strategy, from, grid] = fieldsFromSchema(sweep);
    expect(checkField(grid!, '513')).toBe('Grid size must be at most 512');
    expect(checkField(grid!, '3')).toBe('Grid size must be at least 4');
    expect(checkField(grid!, '6.5')).toBe('Grid size must be a whole number');
    expect(checkField(grid!, 'lots')).toBe('Grid size must be a number');
    expect(checkField(grid!, '')).toBeNull(); // optional: the core fills the default
    expect(checkField(strategy!, '')).toBe('Strategy is required');
    expect(checkField(strategy!, 'yolo')).toBe('Strategy must be one of: mean-reversion, momentum, pairs-trading');
    expect(checkField(from!, '2021-13-01')).toBe('From: “2021-13-01” is not in the expected form (see the hint)');
    expect(checkField(from!, '2021-12-01')).toBeNull();
  });

  it('checks lists: at least one item, items in the enum, each item’s pattern, at most maxItems', () => {
    const fields = fieldsFromSchema(sync);
    const entities = fields.find((f) => f.name === 'entities')!;
    const recipients = fields.find((f) => f.name === 'recipients')!;
    expect(checkField(entities, [])).toBe('Choose at least one entities item');
    expect(checkField(entities, ['payments'])).toBeNull();
    expect(checkField(recipients, 'a@b.co, nobody')).toBe('Recipients: “nobody” is not in the expected form');
    expect(checkField(recipients, 'a@b.co, c@d.co, e@f.co')).toBe('Recipients takes at most 2');
    expect(
      toParams(fields, { ...initialValues(fields), recipients: 'a@b.co,\n c@d.co', entities: ['payments', 'invoices'] }),
    ).toMatchObject({
      recipients: ['a@b.co', 'c@d.co'],
      entities: ['invoices', 'payments'], // in the schema's order
    });
  });

  it('types what it sends and names the fields of the core’s errors', () => {
    const fields = fieldsFromSchema(sweep);
    const params = toParams(fields, { strategy: 'momentum', from: ' 2022-01-01 ', grid_size: '128' });
    expect(params).toEqual({ strategy: 'momentum', from: '2022-01-01', grid_size: 128 });
    expect(validate(fields, { strategy: 'momentum', from: 'soon', grid_size: '1000' })).toEqual({
      from: 'From: “soon” is not in the expected form (see the hint)',
      grid_size: 'Grid size must be at most 512',
    });
    expect(fieldOfError(fields, 'params.grid_size')).toBe('grid_size');
    expect(fieldOfError(fields, 'params.colour')).toBeNull();
    expect(fieldOfError(fields, 'projectId')).toBeNull();
    expect(describeParams(fields, params)).toBe('strategy: momentum; from: 2022-01-01; grid size: 128');
    expect(initialValues(fields, { grid_size: 32 })).toMatchObject({ grid_size: '32', strategy: 'mean-reversion' });
  });
});
