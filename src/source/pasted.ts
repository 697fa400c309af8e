/**
 * Text pasted the way a clerk pastes it, said as such: a line break pasted into an item, an item
 * that lost its "- ", and an item or value that begins with a character YAML reads as syntax
 * ("[转载]…", "*重要*…", "&…", "!…", "|", ">", "{"). yaml reports these as a missing
 * colon, a misaligned line or an unsupported alias: true of the file, but pointing the wrong way.
 *
 * A line scan, run only when the file already has errors; each finding names what the clerk did
 * and what to type instead.
 */
import { colonMistakes } from './yamlErrors.js';

/** One finding: where its line starts, what it is, and the line whose entry it belongs to. */
export interface PastedProblem {
  /** Offset of the line's content (where the message points). */
  offset: number;
  /**
   * Start of the line where yaml may first trip over it (the line above, for a broken line): yaml's
   * diagnostics from there on are echoes of this one.
   */
  echoesFrom: number;
  /** End of the problem's own line. */
  lineEnd: number;
  /** 1-based line of the entry the text belongs to (for its field name). */
  ownerLine: number;
  code: 'E_YAML_PASTED' | 'E_YAML_START';
  message: string;
  hint: string;
}

/**
 * Characters that begin YAML syntax when they start a plain value (YAML 1.2 §5.3 indicators). "@",
 * "`" and "%" cannot start a value at all: yamlErrors.ts already says so, with the quotes to add.
 */
const INDICATORS = new Set(['[', '{', '*', '&', '!', '|', '>']);

/** What each indicator makes of the text, in the clerk's words. */
const READS_AS: Readonly<Record<string, string>> = {
  '[': 'YAML 会把方括号括起的部分读成一个列表，而不是文字',
  '{': 'YAML 会把花括号括起的部分读成一组字段，而不是文字',
  '*': 'YAML 把“*”开头的词当作引用（别名），不会按文字印出',
  '&': 'YAML 把“&”开头的词当作锚点标记，不会按文字印出',
  '!': 'YAML 把“!”开头的词当作类型标签，不会按文字印出',
  '|': 'YAML 把“|”当作多行文字块的开始，同一行后面不能再写文字',
  '>': 'YAML 把“>”当作多行文字块的开始，同一行后面不能再写文字',
};

/** A real anchor, alias or tag ("&x 1", "*x", "!!str 3") is said by the tree walk; Han text is a clerk's. */
const HAN = /\p{Script=Han}/u;

/** A sentence that ends here reads as a finished item: a next line without "- " is a new item. */
const SENTENCE_END = /[。！？；…”’）)」』!?.]\s*$/u;

/** The first few characters of `s`, for quoting in a message. */
function clip(s: string, max = 12): string {
  const chars = [...s.trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** A content line: its start, indentation, the "- " item column if any, and its value. */
interface Line {
  no: number;
  start: number;
  indent: number;
  /** Column of the item's "-" ("- text"), or -1. */
  dash: number;
  /** "key:" found at the start of the content (after any "- "). */
  key: boolean;
  /** Offset and text of the value: after "- ", after "key: ", or the whole content. */
  valueAt: number;
  value: string;
}

/** `key:` (a YAML plain or quoted key followed by ": " or ":" at the end of the line). */
const KEY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#\-?:,[\]{}&*!|>'"%@`][^\n]*?|-[^\s][^\n]*?)[ \t]*:(?=[ \t]|$)/;

function readLine(text: string, no: number, start: number, end: number): Line | undefined {
  const raw = text.slice(start, end);
  const indent = raw.length - raw.replace(/^ +/, '').length;
  const content = raw.slice(indent);
  if (content.trim() === '' || content.startsWith('#')) return undefined;
  // Tabs and full-width spaces in the indentation are the indentation scan's (indent.ts).
  if (/^[\t\u3000]/.test(content)) return undefined;
  let at = indent;
  let dash = -1;
  const item = /^-(?:[ ]+|$)/.exec(content);
  if (item) {
    dash = indent;
    at += item[0].length;
  }
  const rest = text.slice(start + at, end);
  const key = KEY.exec(rest);
  if (key) {
    const after = rest.slice(key[0].length);
    const pad = after.length - after.replace(/^[ \t]+/, '').length;
    at += key[0].length + pad;
  }
  return { no, start, indent, dash, key: key !== null, valueAt: start + at, value: text.slice(start + at, end) };
}

/**
 * A value written as text that begins with an indicator: "[转载]1月26日…" (a flow list that is
 * followed by more text), "*重要* …", "&…", "!…", "| text", "> text", "{…}text", "@…", "`…", "%…".
 * A flow list or mapping that closes at the end of its line ("送: [甲, 乙]") is real YAML, and so
 * is one that runs over several lines, or a block scalar header ("|", ">-", "|2").
 */
function indicatorProblem(line: Line): PastedProblem | undefined {
  const v = line.value.replace(/[ \t]+#.*$/, '').trimEnd();
  const c = v[0];
  if (c === undefined || !INDICATORS.has(c)) return undefined;
  if (c === '[' || c === '{') {
    const close = c === '[' ? ']' : '}';
    const end = matching(v, c, close);
    // Unclosed on this line (a list over several lines) or closed at the end: real YAML.
    if (end === -1 || v.slice(end + 1).trim() === '') return undefined;
  }
  if ((c === '|' || c === '>') && /^[|>][0-9+-]*$/.test(v)) return undefined;
  if ((c === '*' || c === '&' || c === '!') && !HAN.test(v)) return undefined;
  const word = /^[^\s，。、；：]+/u.exec(v)?.[0] ?? c;
  const what = line.dash >= 0 && !line.key ? '这一条' : '这个字段的内容';
  const bracketHint = c === '[' ? `，或改用中文方括号“【${clip(word.slice(1).replace(/\].*$/, ''), 8)}】”` : '';
  const starHint = c === '*' ? '（简报不支持用星号加粗或强调，也可删去星号）' : '';
  return {
    offset: line.valueAt,
    echoesFrom: line.start,
    lineEnd: line.start + line.value.length + (line.valueAt - line.start),
    ownerLine: line.no,
    code: 'E_YAML_START',
    message: `${what}以“${c}”开头（“${clip(word, 10)}”）：${READS_AS[c]}`,
    hint: `给整段内容加上英文双引号，写成 "${clip(v, 14)}"${bracketHint}${starHint}`,
  };
}

/**
 * A line of the clerk's text, not YAML gone wrong in another way: not "---", a directive, a
 * bracket, a quote or a dash of any width, and not a field name with a wrong colon ("period：…",
 * "title 工作动态"), which yamlErrors.ts names.
 */
function isText(line: Line, colons: ReadonlyMap<number, unknown>): boolean {
  if (colons.has(line.start + line.indent)) return false;
  return !/^(?:[-－—?:#%"'\[\]{},|>&*!@`]|\.\.\.)/.test(line.value);
}

/** Index of the bracket closing the one at 0, skipping quoted text; -1 when it does not close. */
function matching(s: string, open: string, close: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"' || ch === "'") {
      const q = s.indexOf(ch, i + 1);
      if (q === -1) return -1;
      i = q;
    } else if (ch === open) depth++;
    else if (ch === close && --depth === 0) return i;
  }
  return -1;
}

/**
 * Every finding in `text`. A line break pasted into an item leaves a line of text that is neither
 * an item ("- ") nor a field ("key: "), indented no further than the item's "-" (further, and
 * YAML reads it as more of the item's text, which is right). When the item above ends a sentence
 * and the line sits at the items' column, the clerk more likely left out the "- ".
 */
export function findPasted(text: string): PastedProblem[] {
  const out: PastedProblem[] = [];
  const colons = colonMistakes(text);
  let prev: Line | undefined;
  /** The entry (item or key line) that the text lines after it belong to, and whether it is plain text. */
  let owner: { line: Line; plain: boolean; col: number; item: boolean } | undefined;
  let no = 0;
  for (let start = 0; start <= text.length; ) {
    no++;
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = readLine(text, no, start, end);
    start = end + 1;
    if (nl === -1 && !line) break;
    if (!line) continue;
    // A document marker ("..." ends the document, "---" starts one): what follows belongs to no
    // entry above it; yaml's own MULTIPLE_DOCS error says what is wrong there.
    if (line.indent === 0 && /^(?:---|\.\.\.)(?:[ \t]|$)/.test(text.slice(line.start, end))) {
      owner = undefined;
      prev = line;
      continue;
    }
    if (line.dash >= 0 || line.key) {
      const found = indicatorProblem(line);
      if (found) out.push(found);
      const v = line.value.trim();
      const plain = v !== '' && !found && !/^["'[{|>&*!]/.test(v);
      owner = { line, plain, col: line.dash >= 0 ? line.dash : line.indent, item: line.dash >= 0 && !line.key };
    } else if (owner && line.indent <= owner.col && (owner.plain || prev !== owner.line) && isText(line, colons)) {
      // A text line where an entry should start: the rest of the entry above, or an item without "- ".
      const above = prev ?? owner.line;
      const sameColumn = owner.item && line.indent === owner.col;
      const missingDash = sameColumn && SENTENCE_END.test(above.value);
      const head = clip(line.value, 8);
      out.push(
        missingDash
          ? {
              offset: line.start + line.indent,
              echoesFrom: above.start,
              lineEnd: end,
              ownerLine: owner.line.no,
              code: 'E_YAML_PASTED',
              message: `这一行“${head}”少了开头的“- ”：每一条内容都要以“- ”开头`,
              hint: `在“${head}”前写“- ”（减号加空格），与上一条的“-”对齐；若它是上一条断开的后半段，请把它接回上一行末尾`,
            }
          : {
              offset: line.start + line.indent,
              echoesFrom: above.start,
              lineEnd: end,
              ownerLine: owner.line.no,
              code: 'E_YAML_PASTED',
              message: `这一行“${head}”像是从上一行断开的：${owner.item ? '一条内容' : '一个字段的内容'}中间不能换行到这个位置`,
              hint: owner.item
                ? `把这一行接回上一行末尾，删去中间的换行；若它是新的一条，请在前面写“- ”并与上一条的“-”对齐`
                : '把这一行接回上一行末尾，删去中间的换行',
            },
      );
      owner = { ...owner, plain: true };
    }
    prev = line;
  }
  return out;
}
