// The one ajv set-up for pipeline parameters, shared by the app's trigger check and the reference
// receiver, so what passes on the laptop passes at the receiver. Compiled schemas are cached by
// their text (a pipeline's schema changes rarely).
import { Ajv, type ValidateFunction } from 'ajv';

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
const compiled = new Map<string, ValidateFunction>();

/** A validator for `schema`; throws ajv's own error when it is not valid JSON Schema. */
export function compileParamsSchema(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema ?? {});
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(typeof schema === 'object' && schema !== null ? schema : {});
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, validate);
  }
  return validate;
}
