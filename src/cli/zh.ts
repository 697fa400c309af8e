/**
 * commander in Chinese: its help titles and its usage errors are English strings inside the
 * library, so they are translated on the way out. The clerk sees "用法" and "未知选项 --duplx，是否要用
 * --duplex？", never "Usage:" or "error: unknown option".
 */
import type { Argument, Command, Help } from 'commander';
import { displayWidth } from './terminal.js';

/** commander's help section titles → Chinese. */
const TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '通用选项：',
};

/** commander's usage errors (lib/command.js, v14) → Chinese, each with what to do. */
const ERRORS: ReadonlyArray<readonly [RegExp, (...m: string[]) => string]> = [
  [/^error: unknown option '([^']*)'\n\(Did you mean ([^?]*)\?\)/, (flag, s) => `未知选项 ${flag}，是否要用 ${s}？`],
  [/^error: unknown option '([^']*)'/, (flag) => `未知选项 ${flag}`],
  [/^error: unknown command '([^']*)'\n\(Did you mean ([^?]*)\?\)/, (name, s) => `没有“${name}”这个命令，是否要用 ${s}？`],
  [/^error: unknown command '([^']*)'/, (name) => `没有“${name}”这个命令`],
  [/^error: missing required argument '([^']*)'/, (name) => `缺少参数 <${ARGUMENTS[name] ?? name}>`],
  [/^error: option '([^']*)' argument missing/, (flags) => `选项 ${flags} 后面缺少取值`],
  [/^error: required option '([^']*)' not specified/, (flags) => `缺少必需的选项 ${flags}`],
  [/^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (_n, want, got) => `参数太多：应为 ${want} 个，实际给了 ${got} 个`],
  [/^error: option '([^']*)' argument '([^']*)' is invalid\.\s*(.*)/s, (flags, value, why) => `选项 ${flags} 的取值“${value}”无效${why ? `：${why.trim()}` : ''}`],
  [/^error: command-argument value '([^']*)' is invalid for argument '([^']*)'\.\s*(.*)/s, (value, name, why) => `参数 <${ARGUMENTS[name] ?? name}> 的取值“${value}”无效${why ? `：${why.trim()}` : ''}`],
  [/^error: (.*) cannot be used with (.*)/, (a, b) => `${a} 不能与 ${b} 同时使用`],
];

/** The commands' argument names, as the help shows them to the clerk. */
const ARGUMENTS: Readonly<Record<string, string>> = {
  issue: '期刊文件',
  pdf: 'PDF文件',
  text: '文本文件',
};

/** A commander error message in Chinese (unknown ones keep commander's text after "用法错误："). */
export function translateError(message: string): string {
  const s = message.trimEnd();
  for (const [re, say] of ERRORS) {
    const m = re.exec(s);
    if (m) return say(...m.slice(1).map((x) => x ?? ''));
  }
  return `用法错误：${s.replace(/^error: /, '')}`;
}

/** Help text with commander's English titles and phrases in Chinese. */
export function translateHelp(text: string): string {
  return text
    .replace(/^(Usage:|Options:|Commands:|Arguments:|Global Options:)/gm, (t) => TITLES[t] ?? t)
    .replace(/\(default: ([^)]*)\)/g, '（默认：$1）')
    .replace(/\(choices: ([^)]*)\)/g, '（可选：$1）');
}

/** "[options] <issue...>" → "[选项] <期刊文件...>": the terms of a usage line (before columns are padded). */
function terms(s: string): string {
  return s
    .replace(/\[options\]/g, '[选项]')
    .replace(/\[command\]/g, '[命令]')
    .replace(/([<[])(\w+)(\.\.\.)?([>\]])/g, (all, open: string, name: string, dots: string | undefined, close: string) =>
      ARGUMENTS[name] ? `${open}${ARGUMENTS[name]}${dots ?? ''}${close}` : all,
    );
}

/**
 * A chunk that may end a help line: one CJK character with the opening marks before it and the
 * closing marks after it (so no line starts with "，" or ends with "（"), or a run of other text.
 */
const CHUNK = /\s*(?:[（《“‘【〔]*[\p{Script=Han}\u3000-\u303f\uff00-\uffef][）》”’】〕，。、；：？！>)\]}]*|[^\s\p{Script=Han}\u3000-\u303f\uff00-\uffef]+[）》”’】〕，。、；：？！]*)/gu;

/** Wraps help text to `width` cells, between CJK characters as well as at spaces (commander wraps only at spaces). */
export function wrapCjk(str: string, width: number): string {
  if (width < 40) return str;
  return str
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      for (const chunk of line.match(CHUNK) ?? []) {
        if (cur !== '' && displayWidth(cur) + displayWidth(chunk) > width) {
          out.push(cur);
          cur = chunk.trimStart();
        } else cur += chunk;
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}

/** Puts `program` (and the commands registered on it afterwards, which inherit it) into Chinese. */
export function chinese(program: Command, write: (s: string) => void): Command {
  return program
    .configureHelp({
      formatHelp(cmd: Command, helper: Help): string {
        return translateHelp(Object.getPrototypeOf(helper).formatHelp.call(helper, cmd, helper));
      },
      subcommandTerm(cmd: Command): string {
        return terms(Object.getPrototypeOf(this).subcommandTerm.call(this, cmd));
      },
      commandUsage(cmd: Command): string {
        return terms(Object.getPrototypeOf(this).commandUsage.call(this, cmd));
      },
      argumentTerm(argument: Argument): string {
        return ARGUMENTS[argument.name()] ?? argument.name();
      },
      // Han characters take two terminal cells: commander counts one and the columns drift.
      displayWidth,
      boxWrap(str: string, width: number): string {
        return wrapCjk(str, width);
      },
    })
    .helpCommand('help [命令]', '显示某个命令的用法')
    .configureOutput({
      writeOut: (s) => write(s.trimEnd()),
      outputError: (s, w) => w(`bulletin：${translateError(s)}`),
    })
    .showHelpAfterError('（输入 bulletin --help 或 bulletin <命令> --help 查看用法）');
}
