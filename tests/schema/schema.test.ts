import { readFileSync } from 'node:fs';
import { strictAjv } from './ajv.js';
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
  // An article or a 【栏目】: the branch is chosen by the "article" key.
  for (const key of ['then', 'else'] as const) {
    const v = node[key];
    if (v && typeof v === 'object') yield* walk(v as Node, `${path}/${key}`);
  }
}

describe('schema/issue.schema.json', () => {
  it('compiles in ajv strict mode', () => {
    expect(() => strictAjv({ allErrors: true }).compile(schema)).not.toThrow();
  });

  it('has exactly the contract keys at the top level', () => {
    expect(Object.keys(schema.properties as object).sort()).toEqual(
      [
        'classification', 'copies', 'distribution', 'editor', 'heading_style', 'item_marker', 'note', 'number', 'number_style', 'period', 'printed', 'printer', 'publication',
        'sections', 'total', 'year_prefix',
      ].sort(),
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
      // The if/then/else node only chooses a branch; each branch is closed.
      if (node.type === 'object' && path !== '#/properties/distribution' && !node.then) expect(node.additionalProperties, path).toBe(false);
      if (node.type === 'string' && !node.enum && !node.pattern?.toString().startsWith('^')) {
        expect([path, node.minLength, node.pattern]).toEqual([path, 1, '\\S']);
      }
      if (node.type === 'array') expect(node.minItems, path).toBe(1);
      // year_prefix mixes true/false with 年: an enum holds no empty string, no number, no null.
      if (node.enum) expect((node.enum as unknown[]).every((v) => (typeof v === 'string' && v.length > 0) || typeof v === 'boolean'), path).toBe(true);
      if (node.type === 'integer') expect(node.minimum, path).toBe(1);
    }
  });

  it('names both shapes of a section: an article or a 【栏目】 of items', () => {
    const section = ((schema.properties as Record<string, Node>).sections!.items as Node);
    expect(((section.then as Node).required as string[]).sort()).toEqual(['article', 'paragraphs']);
    expect(((section.else as Node).required as string[]).sort()).toEqual(['items', 'title']);
    const validate = strictAjv({ allErrors: true }).compile(schema);
    const base = { publication: ['中国科学院老科学技术工作者协会', '科普工作简报'], period: '2022-03', editor: '办公室', distribution: { 发: '各单位' }, printed: '2022-03-07' };
    expect(validate({ ...base, sections: [{ article: '标题', paragraphs: ['一段。'], source: '办公室供稿' }] })).toBe(true);
    expect(validate({ ...base, sections: [{ title: '动态', items: [{ lead: '引领。', text: '正文。' }] }] })).toBe(true);
    expect(validate({ ...base, sections: [{ article: '标题', items: ['一条。'] }] })).toBe(false);
    expect(validate({ ...base, publication: ['一', '二', '三'], sections: [{ title: '动态', items: ['一条。'] }] })).toBe(false);
  });

  it('treats a full-width space as blank', () => {
    const validate = strictAjv({ allErrors: true }).compile((schema.properties as Node).editor as Node);
    expect(validate('\u3000\u3000')).toBe(false);
    expect(validate('办公室')).toBe(true);
  });
});
