/** ajv as the tests compile the schema with it: strict, and told about the editor-only keywords. */
import { Ajv, type Options } from 'ajv';

/** The keywords only the YAML language server reads (see scripts/gen-validator.mjs EDITOR_KEYWORDS). */
export const EDITOR_KEYWORDS = ['errorMessage', 'patternErrorMessage'];

export function strictAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, ...options });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  return ajv;
}
