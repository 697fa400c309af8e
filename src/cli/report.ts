/** The text of `build --report`: where a composition rule gave way, with its YAML position, and the counts. */
import type { LaidOut } from '../paginate/types.js';

/** Lines of the report for one issue (Chinese, for the clerk). */
export function formatReport(input: string, laid: Pick<LaidOut, 'events' | 'stats' | 'nameSizePt'>): string[] {
  const c = laid.stats.compose;
  const out = [
    `  ${input}：正文 ${laid.stats.lines} 行，${laid.stats.pages} 页，刊名字号 ${laid.nameSizePt.toFixed(1)} 磅`,
    `  标点挤压 ${c.compressedMarks} 处，西文/数字补白 ${c.paddedRuns} 处，先挤进 ${c.squeezedLines} 行，后推出 ${c.pushedOutLines} 行${c.hungMarks ? `，悬挂标点 ${c.hungMarks} 处` : ''}${c.looseLines ? `，字距超过上限 ${c.looseLines} 行` : ''}`,
  ];
  if (!laid.events.length) out.push('  排版规则无一让步');
  for (const e of laid.events) out.push(`  ${e.span.file}:${e.span.line}:${e.span.column} ${e.message}`);
  return out;
}
