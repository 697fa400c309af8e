/** `bulletin check <issue.yaml...>`: validate only. */
import { promises as fs } from 'node:fs';
import type { Command } from 'commander';
import { formatDiagnostic, hasErrors } from '../../diag.js';
import { loadIssue } from '../../source/load.js';
import { expandInputs } from '../inputs.js';
import type { CliIO } from '../io.js';

export function commandCheck(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('check')
    .description('只检查期刊文件，不生成 PDF')
    .argument('<issue...>', '期刊 YAML 文件或文件夹')
    .action(async (args: string[]) => {
      const inputs = await expandInputs(args);
      for (const input of inputs) {
        const r = loadIssue(input, await fs.readFile(input));
        for (const d of r.diagnostics) io.err(formatDiagnostic(d));
        if (hasErrors(r.diagnostics) || !r.issue) setCode(1);
        else io.out(`${input}：格式正确`);
      }
    });
}
