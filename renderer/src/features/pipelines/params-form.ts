// A trigger form built from a pipeline's `paramsSchema` (JSON Schema), and its checks as you type.
// The renderer's Content-Security-Policy forbids eval, so ajv (which compiles validators with
// `new Function`) cannot run here: this module checks the form's own constraints (required, type,
// enum, minimum/maximum, pattern, minItems/maxItems) with plain code and RegExp. The core checks
// the parameters again with ajv against the same schema, and its `params.<name>` errors are shown
// on the field they name.

export type FieldKind = 'select' | 'number' | 'checkbox' | 'checkboxes' | 'list' | 'text';

export interface ParamField {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  description: string | null;
  options: string[];
  integer: boolean;
  minimum: number | null;
  maximum: number | null;
  pattern: string | null;
  minItems: number | null;
  maxItems: number | null;
  /** For `list`: each item's pattern. */
  itemPattern: string | null;
  default: unknown;
}

/** What the form holds: text for text and numbers, a flag for checkboxes, the chosen items for lists. */
export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;
export type FormErrors = Record<string, string>;

type Schema = Record<string, unknown>;

const asSchema = (value: unknown): Schema => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Schema) : {});
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** `grid_size` → `Grid size`. */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The form's fields, in the schema's order. */
export function fieldsFromSchema(schema: Record<string, unknown>): ParamField[] {
  const properties = asSchema(schema.properties);
  const required = new Set(strings(schema.required));
  return Object.entries(properties).map(([name, raw]) => {
    const p = asSchema(raw);
    const items = asSchema(p.items);
    const type = str(p.type);
    const itemOptions = strings(items.enum);
    const options = strings(p.enum);
    let kind: FieldKind = 'text';
    if (type === 'boolean') kind = 'checkbox';
    else if (type === 'integer' || type === 'number') kind = 'number';
    else if (type === 'array') kind = itemOptions.length > 0 ? 'checkboxes' : 'list';
    else if (options.length > 0) kind = 'select';
    return {
      name,
      label: humanize(name),
      kind,
      required: required.has(name),
      description: str(p.description),
      options: kind === 'checkboxes' ? itemOptions : options,
      integer: type === 'integer',
      minimum: num(p.minimum),
      maximum: num(p.maximum),
      pattern: str(p.pattern),
      minItems: num(p.minItems),
      maxItems: num(p.maxItems),
      itemPattern: str(items.pattern),
      default: p.default,
    };
  });
}

/** The form's starting values: each field's default, else empty. */
export function initialValues(fields: ParamField[], given: Record<string, unknown> = {}): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const value = f.name in given ? given[f.name] : f.default;
    switch (f.kind) {
      case 'checkbox':
        values[f.name] = value === true;
        break;
      case 'checkboxes':
        values[f.name] = strings(value);
        break;
      case 'list':
        values[f.name] = strings(value).join(', ');
        break;
      default:
        values[f.name] = value === undefined || value === null ? '' : String(value);
    }
  }
  return values;
}

/** A list field's items: comma- or newline-separated, blanks dropped. */
export function listItems(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true; // a pattern this engine cannot read: the core decides
  }
}

// The schema's description is the field's hint (shown under it), so the message does not repeat it.
function patternMessage(f: ParamField, value: string): string {
  return `${f.label}: “${value}” is not in the expected form${f.description ? ` (see the hint)` : ''}`;
}

/** One field's problem in words, or null. */
export function checkField(f: ParamField, value: FormValue | undefined): string | null {
  switch (f.kind) {
    case 'checkbox':
      return null;
    case 'checkboxes': {
      const chosen = Array.isArray(value) ? value : [];
      if (f.minItems !== null && chosen.length < f.minItems)
        return f.minItems === 1 ? `Choose at least one ${f.label.toLowerCase()} item` : `Choose at least ${f.minItems} of ${f.label}`;
      if (f.maxItems !== null && chosen.length > f.maxItems) return `Choose at most ${f.maxItems} of ${f.label}`;
      const unknown = chosen.find((c) => !f.options.includes(c));
      return unknown ? `${f.label}: “${unknown}” is not one of: ${f.options.join(', ')}` : null;
    }
    case 'list': {
      const items = listItems(typeof value === 'string' ? value : '');
      if (f.required && items.length === 0) return `${f.label} is required`;
      if (f.minItems !== null && items.length < f.minItems) return `${f.label} needs at least ${f.minItems}`;
      if (f.maxItems !== null && items.length > f.maxItems) return `${f.label} takes at most ${f.maxItems}`;
      const bad = f.itemPattern ? items.find((item) => !matches(f.itemPattern!, item)) : undefined;
      return bad ? `${f.label}: “${bad}” is not in the expected form` : null;
    }
    default: {
      const text = typeof value === 'string' ? value.trim() : '';
      if (text === '') return f.required ? `${f.label} is required` : null;
      if (f.kind === 'select') return f.options.includes(text) ? null : `${f.label} must be one of: ${f.options.join(', ')}`;
      if (f.kind === 'number') {
        const n = Number(text);
        if (!Number.isFinite(n)) return `${f.label} must be a number`;
        if (f.integer && !Number.isInteger(n)) return `${f.label} must be a whole number`;
        if (f.minimum !== null && n < f.minimum) return `${f.label} must be at least ${f.minimum}`;
        if (f.maximum !== null && n > f.maximum) return `${f.label} must be at most ${f.maximum}`;
        return null;
      }
      if (f.pattern && !matches(f.pattern, text)) return patternMessage(f, text);
      return null;
    }
  }
}

/** Every field's problem, by field name; empty when the form can be sent. */
export function validate(fields: ParamField[], values: FormValues): FormErrors {
  const errors: FormErrors = {};
  for (const f of fields) {
    const problem = checkField(f, values[f.name]);
    if (problem) errors[f.name] = problem;
  }
  return errors;
}

/** The parameters to send: typed by the schema; an empty optional field is left out (the core fills its default). */
export function toParams(fields: ParamField[], values: FormValues): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const f of fields) {
    const value = values[f.name];
    switch (f.kind) {
      case 'checkbox':
        params[f.name] = value === true;
        break;
      case 'checkboxes':
        params[f.name] = Array.isArray(value) ? f.options.filter((o) => value.includes(o)) : [];
        break;
      case 'list':
        params[f.name] = listItems(typeof value === 'string' ? value : '');
        break;
      default: {
        const text = typeof value === 'string' ? value.trim() : '';
        if (text === '') break;
        params[f.name] = f.kind === 'number' ? Number(text) : text;
      }
    }
  }
  return params;
}

/** The field a core error names (`params.grid_size` → `grid_size`), if it is one of the form's. */
export function fieldOfError(fields: ParamField[], field: string | undefined): string | null {
  if (!field?.startsWith('params.')) return null;
  const name = field.slice('params.'.length);
  return fields.some((f) => f.name === name) ? name : null;
}

/** “strategy: momentum; grid size: 64; dry run: no; entities: invoices, contacts” for the confirmation. */
export function describeParams(fields: ParamField[], params: Record<string, unknown>): string {
  const parts = fields
    .filter((f) => f.name in params)
    .map((f) => {
      const v = params[f.name];
      const shown = typeof v === 'boolean' ? (v ? 'yes' : 'no') : Array.isArray(v) ? (v.length ? v.join(', ') : 'none') : String(v);
      return `${f.label.toLowerCase()}: ${shown}`;
    });
  return parts.join('; ');
}
