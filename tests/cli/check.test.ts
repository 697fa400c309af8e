import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { put, smallIssue, tempDir } from './fixtures.js';

/** The warning lines of `err` for `file`. */
/** The warning lines of `file`, without the code each ends with (tested in tests/schema/validate.test.ts). */
const warningsOf = (err: string, file: string): string[] =>
  err
    .split('\n')
    .filter((l) => l.startsWith(`${file}:`) && l.includes('警告'))
    .map((l) => l.replace(/ \[[EW]_[A-Z0-9_]+\]$/, ''));

describe('bulletin check over a folder (register)', () => {
  it('warns on 期号/总期号 gaps and repeats, two files for one month and early print dates, positioned at the field', async () => {
    const dir = tempDir('register');
    const f = (name: string, text: string): string => put(dir, name, text);
    const jan = f('2021-01.yaml', smallIssue({ period: '2021-01', number: 1, total: 215, printed: '2021-01-29' }));
    const feb = f('2021-02.yaml', smallIssue({ period: '2021-02', number: 2, total: 216, printed: '2021-02-26' }));
    // 3 and 217 skipped.
    const mar = f('2021-03.yaml', smallIssue({ period: '2021-03', number: 4, total: 218, printed: '2021-03-30' }));
    // 4 and 218 again.
    const apr = f('2021-04.yaml', smallIssue({ period: '2021-04', number: 4, total: 218, printed: '2021-04-28' }));
    // A second file for April.
    const aprCopy = f('2021-04-copy.yaml', smallIssue({ period: '2021-04', number: 5, total: 219, printed: '2021-04-29' }));
    // Numbering fine, but printed in April for May.
    const may = f('2021-05.yaml', smallIssue({ period: '2021-05', number: 5, total: 219, printed: '2021-04-30' }));

    const r = await runCli(['check', dir]);
    // Warnings never change the exit code: every file is valid.
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.endsWith('格式正确'))).toHaveLength(6);

    expect(warningsOf(r.err, jan)).toEqual([]);
    expect(warningsOf(r.err, feb)).toEqual([]);
    // smallIssue puts number on line 3 and total on line 4, values at column 9 and 8.
    expect(warningsOf(r.err, mar)).toEqual([
      `${mar}:3:9 警告 期号（number）：不连续：上一期 ${feb}（2021年2月）为第2期，本期应为第3期，实际为第4期`,
      `${mar}:4:8 警告 总期号（total）：不连续：上一期 ${feb}（2021年2月）为总第216期，本期应为总第217期，实际为总第218期`,
    ]);
    expect(warningsOf(r.err, apr)).toEqual([
      `${apr}:3:9 警告 期号（number）：与上一期 ${mar}（2021年3月）重复或倒退：应为第5期，实际为第4期`,
      `${apr}:4:8 警告 总期号（total）：与上一期 ${mar}（2021年3月）重复或倒退：应为总第219期，实际为总第218期`,
    ]);
    const same = warningsOf(r.err, aprCopy);
    expect(same).toHaveLength(1);
    expect(same[0]).toMatch(new RegExp(`^${esc(aprCopy)}:2:9 警告 年月（period）：与 ${esc(apr)} 是同一个月（2021年4月）的期刊`));
    const early = warningsOf(r.err, may);
    expect(early).toHaveLength(1);
    expect(early[0]).toMatch(new RegExp(`^${esc(may)}:12:10 警告 印发日期（printed）：2021年4月30日 早于本期所属的2021年5月`));
  });

  it('lets 期号 restart at 1 in a new year but not 总期号', async () => {
    const dir = tempDir('register-year');
    put(dir, 'a.yaml', smallIssue({ period: '2021-12', number: 12, total: 226, printed: '2021-12-28' }));
    const jan = put(dir, 'b.yaml', smallIssue({ period: '2022-01', number: 1, total: 1, printed: '2022-01-28' }));
    const r = await runCli(['check', dir]);
    expect(r.code).toBe(0);
    const w = warningsOf(r.err, jan);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('总期号（total）：与上一期');
  });

  it('still checks the register when one file has errors, and exits 1 for that file', async () => {
    const dir = tempDir('register-bad');
    put(dir, '2021-01.yaml', smallIssue({ period: '2021-01', number: 1, printed: '2021-01-29' }));
    // Print date not filled yet (as `new` leaves it), 期号 skips 2.
    const bad = put(dir, '2021-02.yaml', smallIssue({ period: '2021-02', number: 3, printed: '' }));
    const r = await runCli(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}:3:9 警告 期号（number）：不连续`);
    expect(r.err).toMatch(new RegExp(`${esc(bad)}:11:1 印发日期（printed）：现在为空，请填写`));
  });

  it('checks a single file as before', async () => {
    const dir = tempDir('register-one');
    const one = put(dir, 'x.yaml', smallIssue({ period: '2021-03', printed: '2021-03-01' }));
    const r = await runCli(['check', one]);
    expect(r).toEqual({ code: 0, out: `${one}：格式正确`, err: '' });
    expect((await runCli(['check', path.join(dir, 'missing.yaml')])).code).toBe(2);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
