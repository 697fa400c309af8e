/** `classification` (内部资料 …): read, checked, carried to the next issue and found by import. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diag.js';
import { nextDraft } from '../../src/draft/newIssue.js';
import { importText } from '../../src/import/importText.js';
import { ARTICLE, load } from './issue.js';

const withMark = (mark: string): string => `classification: ${mark}\n${ARTICLE}`;

describe('classification', () => {
  it('is read into the model and carried over by new', () => {
    const { issue, diagnostics } = load(withMark('内部资料'));
    expect(diagnostics).toEqual([]);
    expect(issue!.classification?.value).toBe('内部资料');
    expect(issue!.classification?.span).toMatchObject({ line: 1, column: 17 });
    expect(nextDraft(issue!).classification).toBe('内部资料');
    expect(load(ARTICLE).issue!.classification).toBeUndefined();
  });

  it('refuses a mark too long for the corner, saying what it takes', () => {
    const [d] = load(withMark('本资料仅供内部工作参考请勿外传谢谢')).diagnostics.filter((x) => x.severity === 'error');
    expect(formatDiagnostic(d!)).toContain(' 密级标识（classification）：');
    expect(formatDiagnostic(d!)).toContain('最多 12 个');
  });

  it('import takes 内部资料 above the name as the mark, not as an unplaced line', () => {
    const r = importText('t.txt', ['内部资料', '工作简报', '第2期', '协会办公室   2023年2月1日', '【工作动态】', '➤ 2月1日，协会召开会议。', '发：各单位', '2023年2月1日印', ''].join('\n'));
    expect(r.draft.classification).toBe('内部资料');
    expect(r.draft.publication).toBe('工作简报');
    expect(r.unplaced).toEqual([]);
    // A name that merely contains 内部 is the name.
    const name = importText('t.txt', ['内部审计简报', '第2期', '审计处   2023年2月1日', '【工作动态】', '➤ 2月1日，审计处召开会议。', ''].join('\n'));
    expect(name.draft.classification).toBeUndefined();
    expect(name.draft.publication).toBe('内部审计简报');
  });
});
