// A pipeline's params_schema (JSON Schema, from the central `pipelines` table) checked with ajv,
// with its reasons in words.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compileParamsSchema } from '../core/pipelines/compile';

export type ParamsCheck = { ok: true; withDefaults: Record<string, unknown> } | { ok: false; reasons: string[] };

export class BadSchemaError extends Error {}

export function checkParams(schema: unknown, params: unknown): ParamsCheck {
  let validate: ValidateFunction;
  try {
    validate = compileParamsSchema(schema);
  } catch (error) {
    throw new BadSchemaError(`The pipeline's params_schema is not a valid JSON Schema: ${(error as Error).message}`);
  }
  // Defaults are filled into a copy: the run uses them, the job keeps what was sent.
  const copy = structuredClone(params) as Record<string, unknown>;
  if (validate(copy)) return { ok: true, withDefaults: copy };
  return { ok: false, reasons: (validate.errors ?? []).map(inWords) };
}

/** "params.grid_size must be <= 512", "params.strategy must be one of: momentum, pairs-trading". */
function inWords(error: ErrorObject): string {
  const where = `params${error.instancePath.replace(/\/([^/]+)/g, (_m, key: string) => (/^\d+$/.test(key) ? `[${key}]` : `.${key}`))}`;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `${where} must be one of: ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`;
    case 'additionalProperties':
      return `${where} has an unknown parameter "${String(p.additionalProperty)}"`;
    case 'required':
      return `${where} is missing the required parameter "${String(p.missingProperty)}"`;
    case 'pattern':
      return `${where} is not in the expected format (${String(p.pattern)})`;
    default:
      return `${where} ${error.message ?? 'is not valid'}`;
  }
}
