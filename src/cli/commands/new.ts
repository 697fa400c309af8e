/** `bulletin new [--from issues/2021-01.yaml] [-o path]`: drafts next month's issue file. */
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, UsageError } from '../../diag.js';
import { loadIssue } from '../../source/load.js';
import { emitIssueYaml, modelineFor, writeNewFile } from '../../draft/emit.js';
import { latestIssueFile, nextDraft } from '../../draft/newIssue.js';
import { periodKey, periodLabel } from '../../model/period.js';
import { MAX_INTEGERS, MAX_YEAR } from '../../schema/semantic.js';
import { readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

/** Registers `new`. */
export function commandNew(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('new')
    .description('根据上一期生成下一期的期刊文件（年月、期号顺延，栏目保留，条目待填写）')
    .option('--from <issue.yaml>', '上一期的文件（默认为 issues/ 中年月最晚的一期）')
    .option('-o, --output <path>', '新文件的路径（默认为上一期所在文件夹中的 <YYYY-MM>.yaml）')
    .action(async (opts: { from?: string; output?: string }) => {
      const from = opts.from ?? (await latestIssueFile('issues'));
      if (!from) throw new UsageError('在 issues/ 中没有找到期刊文件，请用 --from 指定上一期的文件');
      const bytes = await readInput(from);
      // The previous issue must be finished (no placeholders, print date filled): it is the template.
      const prev = loadIssue(from, bytes);
      for (const d of prev.diagnostics) io.err(formatDiagnostic(d));
      if (!prev.issue) {
        io.err(`${from}：这一期还有错误或尚未填写完成，无法据此生成下一期；请先改正上面的问题，或用 --from 指定另一期`);
        setCode(1);
        return;
      }
      const draft = nextDraft(prev.issue);
      // What check would refuse in the new file is refused here, before anything is written.
      const beyond = [
        draft.period.year > MAX_YEAR ? `年月将是 ${periodLabel(draft.period)}，超出了 ${MAX_YEAR} 年（bulletin check 接受的最后一年）` : '',
        (draft.number ?? 0) > MAX_INTEGERS.number ? `期号将是 ${draft.number}，超出了上限 ${MAX_INTEGERS.number}` : '',
        (draft.total ?? 0) > MAX_INTEGERS.total ? `总期号将是 ${draft.total}，超出了上限 ${MAX_INTEGERS.total}` : '',
      ].filter(Boolean);
      if (beyond.length) {
        io.err(`${from}：无法生成下一期：${beyond.join('；')}。没有写入任何文件`);
        setCode(1);
        return;
      }
      const target = opts.output ?? path.join(path.dirname(from), `${periodKey(draft.period)}.yaml`);
      const no = draft.number !== undefined ? `第${draft.number}期` : '';
      const total = draft.total !== undefined ? `总第${draft.total}期` : '';
      const label = [periodLabel(draft.period), no, total].filter(Boolean).join('，');
      const text = emitIssueYaml(draft, {
        modeline: modelineFor(target),
        header: [
          `${Array.isArray(draft.publication) ? draft.publication.join('') : draft.publication} ${label}`,
          `由 bulletin new 根据 ${path.basename(from)} 生成。请把各栏目中的提示文字换成本期的动态，`,
          '填写印发日期（printed），然后运行 bulletin check 检查，bulletin build 生成 PDF。',
        ],
      });
      if (!(await writeNewFile(target, text))) {
        io.err(`${target}：文件已存在，没有覆盖。如需重新生成，请先删除或改名原文件，或用 -o 指定其他路径`);
        setCode(1);
        return;
      }
      io.out(`已生成 ${target}（${label}）`);
      io.out(`请填写各栏目的条目和印发日期，然后运行：bulletin check ${target}`);
    });
}
