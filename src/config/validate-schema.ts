import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readMembershipSchema } from './read-membership-schema.js';

// ajv-formats is CommonJS; under NodeNext its default import is module.exports, whose `default` is the plugin.
const addFormats = addFormatsModule.default;

/** Says in messages what a free-form value or name may be; checks nothing (describe-schema-error.ts). */
export const ALLOWED_TEXT_KEYWORD = 'x-allowed';

let validator: ValidateFunction | undefined;

/**
 * Every way the data breaks membership.schema.json. `allErrors` so the user sees every problem at
 * once; `verbose` so each error carries the offending value and the schema that rejected it, which
 * describe-schema-error.ts turns into a message. Compiled once, on first use.
 */
export function validateSchema(data: unknown): readonly ErrorObject[] {
  validator ??= compileValidator();
  return validator(data) ? [] : (validator.errors ?? []);
}

function compileValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
  addFormats(ajv, ['email']);
  ajv.addKeyword({ keyword: ALLOWED_TEXT_KEYWORD, schemaType: 'string' });
  return ajv.compile(readMembershipSchema());
}
