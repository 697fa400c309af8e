import { YAMLParseError, type ErrorCode } from 'yaml';
import { describe, expect, it } from 'vitest';
import { englishOf, translateYamlError } from '../../src/source/yamlErrors.js';

const CODES: ErrorCode[] = [
  'ALIAS_PROPS', 'BAD_ALIAS', 'BAD_DIRECTIVE', 'BAD_DQ_ESCAPE', 'BAD_INDENT', 'BAD_PROP_ORDER', 'BAD_SCALAR_START',
  'BLOCK_AS_IMPLICIT_KEY', 'BLOCK_IN_FLOW', 'DUPLICATE_KEY', 'IMPOSSIBLE', 'KEY_OVER_1024_CHARS', 'MISSING_CHAR',
  'MULTILINE_IMPLICIT_KEY', 'MULTIPLE_ANCHORS', 'MULTIPLE_DOCS', 'MULTIPLE_TAGS', 'NON_STRING_KEY',
  'RESOURCE_EXHAUSTION', 'TAB_AS_INDENT', 'TAG_RESOLVE_FAILED', 'UNEXPECTED_TOKEN', 'BAD_COLLECTION_TYPE',
];

describe('translateYamlError', () => {
  it.each(CODES)('%s gets a Chinese message and a stable code', (code) => {
    const t = translateYamlError(new YAMLParseError([0, 1], code, 'Something odd'), 'x: 1');
    expect(t.message).toMatch(/[\u4e00-\u9fff]/);
    expect(t.code).toMatch(/^E_[A-Z_]+$/);
  });

  it("the fallback keeps yaml's English text after the Chinese", () => {
    const t = translateYamlError(new YAMLParseError([0, 1], 'IMPOSSIBLE', 'Internal oddity at line 1, column 1:\n\nx\n^\n'), '');
    expect(t.message).toBe('YAML 格式错误（Internal oddity）');
  });

  it('englishOf strips the position and snippet prettyErrors appends', () => {
    const e = new YAMLParseError([0, 1], 'MISSING_CHAR', 'Missing closing "quote at line 2, column 6:\n\nb: "x\n     ^\n');
    expect(englishOf(e)).toBe('Missing closing "quote');
  });
});
