import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const schema = JSON.parse(readFileSync(new URL('../../schema/issue.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
type Node = Record<string, unknown>;

/** Every sub-schema with its JSON pointer. */
function* walk(node: Node, path = '#'): Generator<[string, Node]> {
  yield [path, node];
  for (const key of ['properties'] as const) {
    const props = node[key] as Record<string, Node> | undefined;
    for (const [k, v] of Object.entries(props ?? {})) yield* walk(v, `${path}/${key}/${k}`);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames'] as const) {
    const v = node[key];
    if (v && typeof v === 'object') yield* walk(v as Node, `${path}/${key}`);
  }
  for (const [i, v] of ((node.anyOf as Node[] | undefined) ?? []).entries()) yield* walk(v, `${path}/anyOf/${i}`);
}

describe('schema/issue.schema.json', () => {
  it('compiles in ajv strict mode', () => {
    expect(() => new Ajv({ strict: true, allErrors: true }).compile(schema)).not.toThrow();
  });

  it('has exactly the contract keys at the top level', () => {
    expect(Object.keys(schema.properties as object).sort()).toEqual(
      ['copies', 'distribution', 'editor', 'number', 'period', 'printed', 'printer', 'publication', 'sections', 'total'].sort(),
    );
    expect((schema.required as string[]).sort()).toEqual(['distribution', 'editor', 'period', 'printed', 'publication', 'sections'].sort());
  });

  it('gives every field a Chinese title and description (shown by editors)', () => {
    for (const [path, node] of walk(schema)) {
      expect(node.title, path).toMatch(/[\u4e00-\u9fff]/);
      expect(node.description, path).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('closes every object and forbids empty or blank strings and empty lists', () => {
    for (const [path, node] of walk(schema)) {
      if (node.type === 'object' && path !== '#/properties/distribution') expect(node.additionalProperties, path).toBe(false);
      if (node.type === 'string' && !node.pattern?.toString().startsWith('^')) {
        expect([path, node.minLength, node.pattern]).toEqual([path, 1, '\\S']);
      }
      if (node.type === 'array') expect(node.minItems, path).toBe(1);
      if (node.type === 'integer') expect(node.minimum, path).toBe(1);
    }
  });

  it('treats a full-width space as blank', () => {
    const validate = new Ajv({ allErrors: true }).compile((schema.properties as Node).editor as Node);
    expect(validate('\u3000\u3000')).toBe(false);
    expect(validate('办公室')).toBe(true);
  });
});
