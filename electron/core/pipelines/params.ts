// A trigger's parameters checked against its pipeline's `params_schema` (JSON Schema, from the
// replica's `pipelines` table) with ajv, the same library and options the reference receiver uses,
// so what passes here passes there. Defaults are filled in; every problem is reported, each in words
// a consultant understands and naming its field ("grid_size must be at most 512").
import type { ErrorObject, ValidateFunction } from 'ajv';
import { OpsError } from '../../../shared/contract';
import { compileParamsSchema } from './compile';

export interface ParamProblem {
  /** The parameter, as a path: `grid_size`, `entities[1]`; empty for the parameters as a whole. */
  field: string;
  message: string;
}

/** Refused parameters: `message` lists every problem; `problems` has them one by one. */
export class ParamsError extends OpsError {
  constructor(
    readonly pipelineName: string,
    readonly problems: ParamProblem[],
  ) {
    super(
      'invalid_input',
      `These parameters do not fit “${pipelineName}”: ${problems.map((p) => p.message).join('; ')}.`,
      problems[0]?.field ? `params.${problems[0].field}` : 'params',
    );
  }
}

function validatorFor(schema: unknown, pipelineName: string): ValidateFunction {
  try {
    return compileParamsSchema(schema);
  } catch (error) {
    throw new OpsError(
      'unsupported',
      `The parameter schema of “${pipelineName}” is not valid JSON Schema (${(error as Error).message}). Ask an admin to fix the pipeline.`,
    );
  }
}

/**
 * The parameters with the schema's defaults filled in (a copy), or a `ParamsError` naming every
 * field that does not fit.
 */
export function checkParams(schema: unknown, params: unknown, pipelineName: string): Record<string, unknown> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new ParamsError(pipelineName, [{ field: '', message: 'the parameters must be a set of named values' }]);
  }
  const validate = validatorFor(schema, pipelineName);
  const copy = structuredClone(params) as Record<string, unknown>;
  if (validate(copy)) return copy;
  const problems = (validate.errors ?? []).map((e) => inWords(e, schema));
  // ajv may report one fault twice (a type error under several keywords): once is enough.
  const seen = new Set<string>();
  throw new ParamsError(
    pipelineName,
    problems.filter((p) => !seen.has(p.message) && seen.add(p.message)),
  );
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of named values',
  null: 'empty',
};

function inWords(error: ErrorObject, schema: unknown): ParamProblem {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : `${i === 0 ? '' : '.'}${key.replace(/~1/g, '/').replace(/~0/g, '~')}`))
    .join('');
  const p = error.params as Record<string, unknown>;
  const name = path || 'the parameters';
  const plural = (n: unknown, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`;
  switch (error.keyword) {
    case 'required': {
      const field = path ? `${path}.${String(p.missingProperty)}` : String(p.missingProperty);
      return { field, message: `${field} is required` };
    }
    case 'additionalProperties': {
      const field = path ? `${path}.${String(p.additionalProperty)}` : String(p.additionalProperty);
      return { field, message: `${field} is not a parameter of this pipeline` };
    }
    case 'enum':
      return { field: path, message: `${name} must be one of: ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')}` };
    case 'const':
      return { field: path, message: `${name} must be ${String(p.allowedValue)}` };
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t);
      return { field: path, message: `${name} must be ${types.join(' or ')}` };
    }
    case 'minimum':
      return { field: path, message: `${name} must be at least ${String(p.limit)}` };
    case 'maximum':
      return { field: path, message: `${name} must be at most ${String(p.limit)}` };
    case 'exclusiveMinimum':
      return { field: path, message: `${name} must be more than ${String(p.limit)}` };
    case 'exclusiveMaximum':
      return { field: path, message: `${name} must be less than ${String(p.limit)}` };
    case 'multipleOf':
      return { field: path, message: `${name} must be a multiple of ${String(p.multipleOf)}` };
    case 'minLength':
      return { field: path, message: `${name} must be at least ${plural(p.limit, 'character')} long` };
    case 'maxLength':
      return { field: path, message: `${name} must be at most ${plural(p.limit, 'character')} long` };
    case 'minItems':
      return { field: path, message: `${name} must have at least ${plural(p.limit, 'item')}` };
    case 'maxItems':
      return { field: path, message: `${name} must have at most ${plural(p.limit, 'item')}` };
    case 'uniqueItems':
      return { field: path, message: `${name} must not list the same item twice` };
    case 'pattern':
    case 'format': {
      const description = describe(schema, error.schemaPath);
      return {
        field: path,
        message: description ? `${name} must be ${lowerFirst(description)}` : `${name} is not in the expected format`,
      };
    }
    default:
      return { field: path, message: `${name} ${error.message ?? 'is not valid'}` };
  }
}

/** The `description` of the schema node an error's keyword sits in ("A day, YYYY-MM-DD"). */
function describe(schema: unknown, schemaPath: string): string | null {
  let node: unknown = schema;
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<string, unknown>)[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))];
  }
  const description = (node as { description?: unknown } | null)?.description;
  return typeof description === 'string' && description.trim() ? description.trim() : null;
}

function lowerFirst(text: string): string {
  return /^[A-Z](?![A-Z])/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
