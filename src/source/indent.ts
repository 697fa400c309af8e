/**
 * Indentation diagnosis: the line whose indentation broke the file, said the way a clerk sees it
 * ("this item's “-” is one column right of the one above"), instead of the chain of errors yaml
 * reports from there on. It also finds the one misindentation yaml accepts: a list item indented
 * further than the item before it becomes a continuation line of that item's text, and two items
 * are silently printed as one.
 *
 * A line scan, not a parser. It follows block mappings and sequences, skips comments, block
 * scalars and quoted text over several lines, and finds nothing (leaves the file to yaml) on what
 * a clerk does not write: flow collections over several lines, explicit keys, document markers,
 * directives.
 */
import type { FieldPath } from '../schema/fields.js';

/** The finding: one line, what is wrong with its indentation, and what yaml makes of it. */
export interface IndentProblem {
  /**
   * tab: a tab in the indentation; wide-space: U+3000 (a Chinese input method's space) in it;
   * dash: a list item begun with a full-width dash, or with no space after its "-"; misaligned: a
   * line between two levels; joined: a list item indented past the item above (yaml reads it as
   * more of that item's text); too-deep: a key indented past the key above, whose value was plain
   * text.
   */
  kind: 'tab' | 'wide-space' | 'dash' | 'misaligned' | 'joined' | 'too-deep';
  /** Where the line's content (or its tab) starts. */
  offset: number;
  /**
   * Where the content line before it starts: yaml reports the problem from there on (at the end of
   * that line, or at the start of its value when it reads the two lines as one), as echoes.
   */
  echoesFrom: number;
  /** End of the line where the lines stopped fitting together (the problem's line or a later one). */
  seenBy: number;
  /** What the line was meant to be, as a field path. */
  path: FieldPath;
  /** yaml read a list item as more text of the item before it (no YAML error, a wrong issue). */
  joins: boolean;
  message: string;
  hint: string;
}

/** An entry of a block collection: a "- " list item or a "key:" of a mapping. */
interface Entry {
  line: number;
  offset: number;
  echoesFrom: number;
  col: number;
  kind: 'seq' | 'map';
  key: string;
  path: (string | number)[];
  /** Indentation past the entry that opened its block (a root entry: its column). */
  rel: number;
  block: Block;
  /** "key:" with nothing under it (the next line is not indented past it). */
  empty?: boolean;
}

/** An open block collection: its entries start at column `col` (0-based). */
interface Block {
  kind: 'seq' | 'map';
  col: number;
  path: (string | number)[];
  /** The entry whose value the block is ("items:", or the "- " of "- title: …"); none for the root. */
  parent?: Entry;
  /** The path's shape ("sections.*.items"), and ":" for a mapping begun on its item's "- " line. */
  shape: string;
  /** A mapping begun on its item's "- " line ("- title: …"). */
  inline: boolean;
  entries: Entry[];
}

/** The quoted scalar at the start of `s` (which starts with a quote), when it closes on this line. */
const quotedAt = (s: string): RegExpExecArray | null => (s[0] === '"' ? /^"(?:[^"\\]|\\.)*"/ : /^'(?:[^']|'')*'/).exec(s);

/** `key:` at the start of `s` (followed by a space or the end): the key, and where its value starts. */
function keyAt(s: string): { key: string; rest: number } | undefined {
  let m: RegExpExecArray | null;
  if (s[0] === '"' || s[0] === "'") {
    m = s[0] === '"' ? /^"((?:[^"\\]|\\.)*)"[ \t]*:(?=[ \t]|$)/.exec(s) : /^'((?:[^']|'')*)'[ \t]*:(?=[ \t]|$)/.exec(s);
  } else m = /^([^\s#\-?:,[\]{}&*!|>'"%@`][^\n]*?|-[^\s][^\n]*?)[ \t]*:(?=[ \t]|$)/.exec(s);
  if (!m) return undefined;
  // " #" starts a comment: a colon after it is not a key's.
  if (/[ \t]#/.test(m[1]!)) return undefined;
  return { key: m[1]!, rest: m[0].length };
}

const isDash = (s: string): boolean => s[0] === '-' && (s.length === 1 || s[1] === ' ' || s[1] === '\t');

/** What a value written after "key:" or "- " does to the lines that follow it. */
type ValueKind = 'open' | 'plain' | 'closed' | 'block-scalar' | 'dq' | 'sq' | 'give-up';

function valueKind(v: string): ValueKind {
  const s = v.replace(/^[ \t]+/, '');
  if (s === '' || s[0] === '#') return 'open';
  // Anchors and tags come before the value; aliases are values ("*x").
  // An anchor alone on the line ("base: &d") opens a block like an empty value does.
  const bare = s.replace(/^(?:[&!][^ \t]*(?:[ \t]+|$))+/, '');
  if (bare === '' || bare[0] === '#') return 'open';
  const c = bare[0]!;
  if (c === '|' || c === '>') return /^[|>][0-9+-]*[ \t]*(#.*)?$/.test(bare) ? 'block-scalar' : 'plain';
  if (c === '"' || c === "'") return quotedAt(bare) ? 'closed' : c === '"' ? 'dq' : 'sq';
  if (c === '[' || c === '{') return balanced(bare) ? 'closed' : 'give-up';
  return 'plain';
}

/** Whether the flow collection starting `s` closes on this line (quotes inside are skipped). */
function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const m = quotedAt(s.slice(i));
      if (!m) return false;
      i += m[0].length - 1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (--depth === 0) return /^[ \t]*(#.*)?$/.test(s.slice(i + 1));
    }
  }
  return false;
}

/** Where a quoted scalar opened on an earlier line closes on `line` (index after the quote), or -1. */
function closingQuote(line: string, quote: '"' | "'"): number {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Where the lines of a file stopped fitting together, as the scan met it. */
interface Conflict {
  kind: 'misaligned' | 'joined' | 'too-deep';
  entry: Entry;
  /** The block's latest entry before this one (what the line should have lined up with). */
  sibling: Entry;
  lineEnd: number;
}

const shapeOf = (path: readonly (string | number)[]): string => path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');

/** What the scan made of a file: its first indentation problem, and the field of each line. */
export interface IndentScan {
  problem: IndentProblem | undefined;
  /**
   * The field line `line` (1-based) belongs to: the entry it starts, or the one whose value it goes
   * on with; undefined where the scan could not follow the file.
   */
  fieldAt(line: number): FieldPath | undefined;
  /** Where a quoted value opens that no quote closes before the end of the file. */
  unclosedQuote: number | undefined;
}

/**
 * Reads `text` (decoded, "\n" line ends) line by line. A misindented line is placed where the
 * clerk evidently meant it (beside the nearest entry of its kind) and the scan goes on; the problem
 * blames the line that breaks the file's own habit: of two list items that disagree, the one
 * indented unlike the file's other items of that list, so a shifted first item is blamed, not the
 * second one that yaml trips over.
 */
export function scanIndentation(text: string): IndentScan {
  const read = readEntries(text);
  const { all, stoppedAt } = read;
  return {
    problem: read.early ?? (read.conflict ? blame(read.conflict, all) : undefined),
    unclosedQuote: read.unclosedQuote,
    fieldAt(line: number): FieldPath | undefined {
      if (line >= stoppedAt) return undefined;
      let lo = 0;
      let hi = all.length - 1;
      let found: Entry | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (all[mid]!.line <= line) {
          found = all[mid];
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found?.path;
    },
  };
}

/** The entries of `text` in file order, the first conflict, a tab or full-width space that stopped the scan, and the line it stopped at. */
function readEntries(text: string): { all: Entry[]; conflict?: Conflict; early?: IndentProblem; stoppedAt: number; unclosedQuote: number | undefined } {
  const stack: Block[] = [];
  const all: Entry[] = [];
  let conflict: Conflict | undefined;
  let early: IndentProblem | undefined;
  /** The scan gave up on a line (lineNo): from there on it cannot say which field a line is. */
  let stopped = false;
  /** The previous entry opened a nested block: its content is indented past `col`. */
  let open: { col: number; entry: Entry; fromKey: boolean } | undefined;
  /** The previous entry's value is plain text that may go on over deeper lines. */
  let plain: { col: number; fromKey: boolean } | undefined;
  /** Inside a block scalar (lines indented past `col`) or a quoted scalar over several lines. */
  let blockScalar: number | undefined;
  let quoted: '"' | "'" | undefined;
  /** Where the open quote starts. */
  let quoteAt = 0;
  /** Where the previous line's content starts (see IndentProblem.echoesFrom). */
  let prevStart = 0;

  const newBlock = (kind: Block['kind'], col: number, path: (string | number)[], parent: Entry | undefined, inline: boolean): Block => {
    const b: Block = { kind, col, path, shape: `${shapeOf(path)}${inline ? ':' : ''}`, inline, entries: [] };
    if (parent) b.parent = parent;
    stack.push(b);
    return b;
  };

  let lineNo = 0;
  scan: for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    const lineStart = start;
    lineNo++;
    start = end + 1;
    const lead = /^[ \t\u3000]*/.exec(line)![0];
    const content = line.slice(lead.length);
    const contentStart = lineStart + lead.length;

    if (quoted) {
      if (closingQuote(line, quoted) >= 0) quoted = undefined;
      prevStart = contentStart;
      continue;
    }
    if (content === '') continue;
    if (blockScalar !== undefined) {
      if (lead.length > blockScalar && !/[\t\u3000]/.test(lead)) {
        prevStart = contentStart;
        continue;
      }
      blockScalar = undefined;
    }
    // A tab or a full-width space (a Chinese input method's) in the indentation: no column can be
    // trusted from here on.
    const odd = content[0] === '#' ? -1 : lead.search(/[\t\u3000]/);
    if (odd >= 0) {
      const tab = lead[odd] === '\t';
      const tabs = tab ? text.split('\n').filter((l) => /^[ ]*\t/.test(l) && /\S/.test(l)).length : 0;
      early = {
        kind: tab ? 'tab' : 'wide-space',
        offset: lineStart + odd,
        echoesFrom: prevStart,
        seenBy: end,
        path: [],
        joins: false,
        message: tab ? `不能用 Tab 键缩进，只能用空格${tabs > 1 ? `（共 ${tabs} 行）` : ''}` : '行首有全角空格（中文输入法下打出的空格）：缩进只能用半角空格',
        hint: tab ? '把行首的 Tab 换成空格，每层缩进两个空格' : '把行首的全角空格换成半角空格，每层缩进两格；半角空格要在英文输入法下输入',
      };
      stopped = true;
      break;
    }
    if (content[0] === '#') continue;
    if (/^(---|\.\.\.)([ \t]|$)/.test(content) || content[0] === '%' || /^\?([ \t]|$)/.test(content)) {
      stopped = true;
      break;
    }

    const col = lead.length;
    // "－ 1月25日" (a Chinese input method's full-width dash) and "-1月25日" (no space after the
    // dash): meant as list items, read as text.
    // Not where plain text goes on over deeper lines: a line of text may start with a dash.
    const continues = plain !== undefined && col > plain.col;
    const lookalike = continues ? null : /^[－﹣‐‑–—](?:[ \t\u3000]|$)/.exec(content);
    const unspaced = !continues && !lookalike && /^-[^\s-]/.test(content) && stack.some((b) => b.kind === 'seq' && b.col === col);
    if (lookalike || unspaced) {
      early = {
        kind: 'dash',
        offset: contentStart,
        echoesFrom: prevStart,
        seenBy: text.length,
        path: [],
        joins: false,
        message: lookalike ? `这一行开头的“${lookalike[0].trim()}”是全角字符（中文输入法下输入的），不是列表的标记` : '“-”后面缺少空格：列表的每一项以“-”加一个空格开头',
        hint: lookalike ? '改成英文的“-”，后面加一个空格' : `写成“- ${content.slice(1, 13)}${content.length > 13 ? '…' : ''}”`,
      };
      stopped = true;
      break;
    }
    const dash = isDash(content);
    const key = dash ? undefined : keyAt(content);
    const kind = dash ? 'seq' : 'map';

    // The block the line is an entry of: a new nested one, the one it lines up with, or (a
    // conflict) the nearest one of its kind.
    let block: Block;
    let kindOfConflict: Conflict['kind'] | undefined;
    const nests = open !== undefined && (col > open.col || (col === open.col && dash && open.fromKey));
    if (open && !nests) open.entry.empty = true;
    if (stack.length === 0) {
      if (!dash && !key) {
        stopped = true;
        break;
      }
      block = newBlock(kind, col, [], undefined, false);
    } else if (open && nests) {
      if (!dash && !key) {
        // A value on its own line under its key (or a key line whose colon yaml did not see: a
        // deeper "key:" after it is then no sibling of the key above).
        plain = { col: open.col, fromKey: false };
        open = undefined;
        prevStart = contentStart;
        continue;
      }
      block = newBlock(kind, col, open.entry.path, open.entry, false);
    } else if (plain && col > plain.col) {
      // yaml reads a deeper line after plain text as more of that text; a "- " or "key:" there
      // was meant as an entry of its own.
      const sibling = dash ? nearest(stack, 'seq', col, true) : key && plain.fromKey ? nearest(stack, 'map', col, true) : undefined;
      if (!sibling) {
        prevStart = contentStart;
        continue;
      }
      while (stack[stack.length - 1] !== sibling) stack.pop();
      block = sibling;
      kindOfConflict = dash ? 'joined' : 'too-deep';
    } else {
      const popped: Block[] = [];
      while (stack.length > 0 && stack[stack.length - 1]!.col > col) popped.push(stack.pop()!);
      let top = stack[stack.length - 1];
      // A list written at its key's own indentation ends where the mapping goes on.
      if (top && top.col === col && top.kind === 'seq' && !dash && stack.length > 1 && stack[stack.length - 2]!.col === col) {
        popped.push(stack.pop()!);
        top = stack[stack.length - 1];
      }
      if (!dash && !key) {
        // Plain text where an entry belongs: yaml says what is wrong.
        stopped = true;
        break;
      }
      if (top && top.col === col && top.kind === kind) block = top;
      else {
        // Between two levels, or a list item among keys (a key among items): the line belongs
        // to the nearest block of its own kind.
        const sibling = nearest([...stack, ...popped], kind, col, false);
        if (!sibling) {
          stopped = true;
          break;
        }
        const at = popped.indexOf(sibling);
        if (at >= 0) for (let j = popped.length - 1; j >= at; j--) stack.push(popped[j]!);
        else while (stack[stack.length - 1] !== sibling) stack.pop();
        block = sibling;
        kindOfConflict = 'misaligned';
      }
    }

    // The entry itself, and what its value opens.
    open = undefined;
    plain = undefined;
    const sibling = block.entries[block.entries.length - 1];
    const rel = (c: number, b: Block): number => c - (b.parent?.col ?? 0);
    const entry: Entry = { line: lineNo, offset: contentStart, echoesFrom: prevStart, col, kind, key: key?.key ?? '', path: [], rel: rel(col, block), block };
    let value: string;
    let valueCol = col;
    let fromKey = !dash;
    if (dash) {
      entry.path = [...block.path, block.entries.length];
      block.entries.push(entry);
      all.push(entry);
      const after = content.slice(1);
      const gap = /^[ \t]*/.exec(after)![0].length;
      const rest = after.slice(gap);
      if (rest && isDash(rest)) {
        // "- - x": nested lists on one line, not an issue file's shape.
        stopped = true;
        break;
      }
      const inner = rest ? keyAt(rest) : undefined;
      if (inner) {
        // "- key: value" begins a mapping at the key's column.
        const mapCol = col + 1 + gap;
        const map = newBlock('map', mapCol, entry.path, entry, true);
        const first: Entry = { ...entry, offset: contentStart + 1 + gap, col: mapCol, kind: 'map', key: inner.key, path: [...entry.path, inner.key], rel: mapCol - col, block: map };
        map.entries.push(first);
        all.push(first);
        value = rest.slice(inner.rest);
        valueCol = mapCol;
        fromKey = true;
        open = undefined;
        entry.path = first.path;
      } else value = rest;
    } else {
      entry.path = [...block.path, key!.key];
      block.entries.push(entry);
      all.push(entry);
      value = content.slice(key!.rest);
    }
    if (kindOfConflict && !conflict && sibling) conflict = { kind: kindOfConflict, entry, sibling, lineEnd: end };
    const last = all[all.length - 1]!;
    switch (valueKind(value)) {
      case 'open':
        open = { col: valueCol, entry: last, fromKey };
        break;
      case 'plain':
        plain = { col: valueCol, fromKey };
        break;
      case 'block-scalar':
        blockScalar = valueCol;
        break;
      case 'dq':
        quoted = '"';
        quoteAt = contentStart + content.length - value.length + value.indexOf('"');
        break;
      case 'sq':
        quoted = "'";
        quoteAt = contentStart + content.length - value.length + value.indexOf("'");
        break;
      case 'give-up':
        stopped = true;
        break scan;
      case 'closed':
        break;
    }
    prevStart = contentStart;
  }
  // Every line before the one the scan stopped at was read (a loop run to its end stops past the last).
  const stoppedAt = lineNo + (stopped ? 0 : 1);
  return { all, stoppedAt, unclosedQuote: quoted && !stopped ? quoteAt : undefined, ...(conflict ? { conflict } : {}), ...(early ? { early } : {}) };
}

/**
 * The line to blame for `c`: of the entries that lead to it (its block's entries so far and the
 * entries its block hangs from), the first whose indentation differs from what the file does
 * elsewhere for entries of its kind at its place; else the line where the conflict was met.
 */
function blame(c: Conflict, all: readonly Entry[]): IndentProblem {
  // Per place (block shape and kind): how often each indentation occurs; and the file's usual step
  // from a "key:" to the entries under it (2 spaces, mostly).
  const place = (e: Entry): string => `${e.block.shape}|${e.kind}`;
  const underKey = (e: Entry): boolean => e.block.parent !== undefined && !e.block.inline;
  const habits = new Map<string, Map<number, number>>();
  const steps = new Map<number, number>();
  for (const e of all) {
    let m = habits.get(place(e));
    if (!m) habits.set(place(e), (m = new Map()));
    m.set(e.rel, (m.get(e.rel) ?? 0) + 1);
    if (underKey(e)) steps.set(e.rel, (steps.get(e.rel) ?? 0) + 1);
  }
  const step = mostCommon(steps);
  const habit = (e: Entry): number | undefined => mostCommon(habits.get(place(e))!, underKey(e) ? step : undefined);
  const candidates: Entry[] = c.entry.block.entries.filter((e) => e.line <= c.entry.line);
  for (let p = c.entry.block.parent; p; p = p.block.parent) candidates.push(p);
  candidates.sort((a, b) => a.line - b.line || a.col - b.col);
  const odd = candidates.find((e) => {
    const h = habit(e);
    return h !== undefined && e.rel !== h;
  });
  const e = c.entry;
  const s = c.sibling;
  /** The problem's place: entry `at`'s line, as the field `path`. */
  const on = (at: Entry, path: FieldPath = at.path) => ({ offset: at.offset, echoesFrom: at.echoesFrom, seenBy: c.lineEnd, path, joins: c.kind === 'joined' });
  const base = on(e);
  if (odd && odd !== e) {
    const target = odd.col - odd.rel + habit(odd)!;
    const where = { ...on(odd), kind: 'misaligned' as const };
    return odd.kind === 'seq'
      ? {
          ...where,
          message: `这一条的“-”没有和同一列表的其他各条对齐：它在第 ${odd.col + 1} 列，应在第 ${target + 1} 列`,
          hint: `同一列表的各条必须从同一列开始：把这一行的“-”移到第 ${target + 1} 列`,
        }
      : {
          ...where,
          message: `字段“${odd.key}”没有和同一层的其他字段对齐：它从第 ${odd.col + 1} 列开始，应从第 ${target + 1} 列开始`,
          hint: `同一层的字段必须从同一列开始：把“${odd.key}”移到第 ${target + 1} 列`,
        };
  }
  if (c.kind === 'joined') {
    return {
      ...base,
      kind: 'joined',
      message: `这一行以“- ”开头，像是新的一条，但它的“-”比上一条（第 ${s.line} 行）多缩进了 ${e.col - s.col} 格，被当成了上一条文字的延续`,
      hint: `若是新的一条，请把“-”移到第 ${s.col + 1} 列，与上一条对齐；若“- ”确是上一条的文字，请给上一条整段加引号`,
    };
  }
  if (c.kind === 'too-deep') {
    // "distribution:" with nothing under it, then "报:" at its level and "  送:" further in: 报 was
    // meant under distribution, like 送.
    const before = s.block.entries[s.block.entries.indexOf(s) - 1];
    if (before?.empty && e.col > before.col) {
      return {
        ...on(s, [...before.path, s.key]),
        kind: 'misaligned',
        message: `字段“${s.key}”没有缩进到“${before.key}”（第 ${before.line} 行）下面：它从第 ${s.col + 1} 列开始，下一行的“${e.key}”从第 ${e.col + 1} 列开始`,
        hint: `把“${s.key}”移到第 ${e.col + 1} 列，与“${e.key}”对齐`,
      };
    }
    return {
      ...base,
      kind: 'too-deep',
      message: `字段“${e.key}”比同一层的字段“${s.key}”（第 ${s.line} 行）多缩进了 ${e.col - s.col} 格`,
      hint: `同一层的字段必须从同一列开始：把“${e.key}”移到第 ${s.col + 1} 列`,
    };
  }
  return e.kind === 'seq'
    ? {
        ...base,
        kind: 'misaligned',
        message: `这一条的“-”没有和同一列表的上一条对齐：上一条（第 ${s.line} 行）的“-”在第 ${s.col + 1} 列，这一条的在第 ${e.col + 1} 列`,
        hint: `同一列表的各条必须从同一列开始：把这一行的“-”移到第 ${s.col + 1} 列`,
      }
    : {
        ...base,
        kind: 'misaligned',
        message: `字段“${e.key}”没有和同一层的字段“${s.key}”（第 ${s.line} 行）对齐：“${s.key}”从第 ${s.col + 1} 列开始，“${e.key}”从第 ${e.col + 1} 列开始`,
        hint: `同一层的字段必须从同一列开始：把“${e.key}”移到第 ${s.col + 1} 列`,
      };
}

/** The value counted most often; on a tie `prefer` when it is among the most counted, else none. */
function mostCommon(counts: ReadonlyMap<number, number>, prefer?: number): number | undefined {
  let best: number | undefined;
  let bestCount = 0;
  let tie = false;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount, tie] = [value, count, false];
    else if (count === bestCount) tie = true;
  }
  if (!tie) return best;
  return prefer !== undefined && counts.get(prefer) === bestCount ? prefer : undefined;
}

/**
 * The block of `kind` whose column is nearest `col` (the one the line was meant to line up with);
 * with `below`, only blocks left of `col`. On a tie the deeper block wins: the one just closed.
 */
function nearest(blocks: readonly Block[], kind: Block['kind'], col: number, below: boolean): Block | undefined {
  let best: Block | undefined;
  for (const b of blocks) {
    if (b.kind !== kind || b.entries.length === 0 || (below && b.col >= col)) continue;
    const d = Math.abs(b.col - col);
    if (!best || d < Math.abs(best.col - col) || (d === Math.abs(best.col - col) && b.col > best.col)) best = b;
  }
  return best;
}
