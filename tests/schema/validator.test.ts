import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { validate as compiled } from '../../src/schema/issue.validator.js';
import { strictAjv } from './ajv.js';

describe('ahead-of-time schema validator (src/schema/issue.validator.ts)', () => {
  test('is in sync with schema/issue.schema.json (node scripts/gen-validator.mjs --check)', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-validator.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('gives the errors ajv gives when it compiles the schema at run time', () => {
    const runtime = strictAjv({ allErrors: true, verbose: true }).compile(JSON.parse(readFileSync('schema/issue.schema.json', 'utf8')));
    const docs: unknown[] = [
      {},
      { publication: '', period: '2021/1', editor: ' ', sections: [], distribution: {}, printed: 5 },
      { publication: 'x', period: '2021-01', editor: 'y', sections: [{ title: 't', items: ['a', { text: 'b' }, { txt: 'c' }, 3] }], distribution: { 报: ['a', ''], '': 'b' }, printed: '2021-01-29', extra: 1 },
      { publication: '刊', period: '2021-01', number: 0, total: 1.5, editor: '编', sections: [{ title: '栏', items: ['条'] }], distribution: { 报: '单位' }, printed: '2021-01-29', copies: -1 },
      [],
      'text',
    ];
    const strip = (es: unknown[] | null | undefined) => JSON.parse(JSON.stringify(es ?? null));
    for (const d of docs) {
      const a = compiled(d) as boolean;
      const b = runtime(d);
      expect(a).toBe(b);
      expect(strip((compiled as unknown as { errors?: unknown[] }).errors)).toEqual(strip(runtime.errors));
    }
  });
});
