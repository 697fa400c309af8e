/** `bulletin new`: the next month's issue, drafted from the last one. */
import { promises as fs } from 'node:fs';
import { readFileBounded } from '../io/files.js';
import { MAX_SOURCE_BYTES } from '../source/size.js';
import path from 'node:path';
import type { Issue } from '../model/types.js';
import type { IssueDraft } from './emit.js';
import { comparePeriods, nextPeriod, parsePeriod, type Period } from '../model/period.js';
import { PLACEHOLDER_ITEM, PLACEHOLDER_PARAGRAPH, PLACEHOLDER_TITLE } from '../schema/placeholders.js';
import { readLenient } from '../source/lenient.js';

/**
 * The issue after `prev`: period + 1 month; 期号 + 1, or 1 in January (期号 count within the year, as
 * in the README's 2021-01 = 第1期); 总期号 + 1; the same publication, editor, distribution, printer and
 * copies; every section kept with one placeholder item (an article with a placeholder title and
 * paragraph); number_style, year_prefix and item_marker as before; the print date left empty.
 */
export function nextDraft(prev: Issue): IssueDraft & { period: Period } {
  const period = nextPeriod(prev.period);
  const draft: IssueDraft & { period: Period } = {
    publication: prev.publicationLines.length > 1 ? prev.publicationLines.map((l) => l.value) : prev.publication.value,
    period,
    editor: prev.editor.value,
    // An article is kept as one with placeholder title and paragraph, and the same credit.
    sections: prev.sections.map((s) =>
      s.kind === 'article'
        ? { article: PLACEHOLDER_TITLE, paragraphs: [PLACEHOLDER_PARAGRAPH], ...(s.source ? { source: s.source.value } : {}) }
        : { title: s.title.value, items: [PLACEHOLDER_ITEM] },
    ),
    distribution: prev.distribution.map((e) => ({ label: e.label.value, recipients: e.recipients.map((r) => r.value) })),
  };
  // How the 期号 is written and the item marker carry over; the 编者按 belongs to one issue only.
  if (prev.classification) draft.classification = prev.classification.value;
  if (prev.numberStyle === 'chinese') draft.numberStyle = 'chinese';
  if (prev.headingStyle !== '【】') draft.headingStyle = prev.headingStyle;
  if (prev.yearPrefix) draft.yearPrefix = prev.yearPrefix;
  if (prev.itemMarker !== undefined) draft.itemMarker = prev.itemMarker === '' ? 'none' : prev.itemMarker;
  if (prev.number) draft.number = period.year !== prev.period.year ? 1 : prev.number.value + 1;
  if (prev.total) draft.total = prev.total.value + 1;
  if (prev.copies) draft.copies = prev.copies.value;
  if (prev.printer) draft.printer = prev.printer.value;
  return draft;
}


/**
 * The issue file of `dir` with the latest period (read leniently, so an unfinished file counts);
 * a tie goes to the later file name. Undefined when the folder has no readable issue.
 */
export async function latestIssueFile(dir: string): Promise<string | undefined> {
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/i.test(n)).sort();
  let best: { file: string; period: Period } | undefined;
  for (const n of names) {
    const file = path.join(dir, n);
    // A file that cannot be read (a FIFO, no permission, too large) is not a candidate.
    const bytes = await readFileBounded(file, MAX_SOURCE_BYTES).catch(() => undefined);
    if (!bytes) continue;
    const period = parsePeriod(readLenient(file, bytes).field('period')?.value);
    if (period && (!best || comparePeriods(period, best.period) >= 0)) best = { file, period };
  }
  return best?.file;
}
