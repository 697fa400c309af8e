/** Chinese wording for the `yaml` package's parse errors. */
import type { YAMLError } from 'yaml';
import { FIELD_LABELS } from '../schema/fields.js';
import { MAX_ALIAS_COUNT, MAX_NESTING } from './parse.js';

/** A translated YAML error: stable code, Chinese message and an optional hint. */
export interface YamlErrorText {
  code: string;
  message: string;
  hint?: string;
  /** The field name the message is about, when it names one. */
  key?: string;
}

/** yaml's own English text without the " at line L, column C:" suffix and snippet prettyErrors adds. */
export function englishOf(error: YAMLError): string {
  return error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

const INDENT_HINT = '同一层的字段和以“- ”开头的列表项必须从同一列开始，下一层多缩进两个空格';

/**
 * Translates one yaml error. `near` is the source text from the error's start to the end of its
 * line (used to quote the offending character), `before` the text of its line before it. Unknown
 * codes fall back to a generic Chinese message that keeps yaml's English text, so nothing is lost.
 */
export function translateYamlError(error: YAMLError, near: string, before = ''): YamlErrorText {
  const en = englishOf(error);
  const colon = colonMistake(near);
  if (colon && (error.code === 'MULTILINE_IMPLICIT_KEY' || error.code === 'MISSING_CHAR' || error.code === 'UNEXPECTED_TOKEN')) return colon;
  // "- "引号"后还有字": the quoted text ended where the clerk's text did not.
  if (error.code === 'UNEXPECTED_TOKEN' && /["']\s*$/.test(before) && /^["']/.test(before.replace(/^\s*(-\s+)?([^:#]+:\s+)?/, ''))) {
    return {
      code: 'E_YAML_SYNTAX',
      message: `引号括起的内容后面还有文字“${quote(near)}”`,
      hint: '若要给内容加引号，引号须括住整段文字；不需要引号时请删去引号',
    };
  }
  switch (error.code) {
    case 'TAB_AS_INDENT':
      return { code: 'E_YAML_TAB', message: '不能用 Tab 键缩进，只能用空格', hint: '把行首的 Tab 换成空格，每层缩进两个空格' };
    case 'DUPLICATE_KEY':
      return { code: 'E_YAML_DUPLICATE_KEY', message: '字段重复出现' };
    case 'BAD_INDENT':
      if (/end with a \]/.test(en)) return { code: 'E_YAML_SYNTAX', message: '方括号“[”没有配对的“]”，或其后的内容缩进不够' };
      if (/end with a \}/.test(en)) return { code: 'E_YAML_SYNTAX', message: '花括号“{”没有配对的“}”，或其后的内容缩进不够' };
      return { code: 'E_YAML_INDENT', message: '缩进没有对齐', hint: INDENT_HINT };
    case 'MISSING_CHAR':
      if (/closing "quote/.test(en)) return { code: 'E_YAML_SYNTAX', message: '双引号“"”没有配对的结束引号' };
      if (/closing 'quote/.test(en)) return { code: 'E_YAML_SYNTAX', message: "单引号“'”没有配对的结束引号" };
      if (/followed by map values/.test(en)) {
        return { code: 'E_YAML_SYNTAX', message: '缺少冒号：字段名后应写英文冒号和空格，如“title: 协会党建”', hint: '若这一行是上一行内容的延续，请检查缩进' };
      }
      if (/\]/.test(en)) return { code: 'E_YAML_SYNTAX', message: '缺少配对的“]”' };
      if (/\}/.test(en)) return { code: 'E_YAML_SYNTAX', message: '缺少配对的“}”' };
      return { code: 'E_YAML_SYNTAX', message: `缺少必要的字符（${en}）` };
    case 'BLOCK_AS_IMPLICIT_KEY':
      return {
        code: 'E_YAML_SYNTAX',
        message: '这里不能再出现“字段: 值”',
        hint: '正文里的英文冒号加空格“: ”会被当作字段，请改用中文冒号“：”或给整段加引号；若是新字段，请检查缩进',
      };
    case 'MULTILINE_IMPLICIT_KEY':
      return { code: 'E_YAML_SYNTAX', message: '这里缺少冒号：字段名后应写英文冒号和空格，如“title: 协会党建”', hint: '字段名不能跨行；也请检查下一行的缩进' };
    case 'UNEXPECTED_TOKEN':
      return { code: 'E_YAML_SYNTAX', message: `此处的内容“${quote(near)}”位置不对`, hint: INDENT_HINT };
    case 'BAD_SCALAR_START':
      return { code: 'E_YAML_SYNTAX', message: `内容不能以“${[...near][0] ?? ''}”开头`, hint: '请给整段内容加上引号' };
    case 'BAD_DQ_ESCAPE':
      return { code: 'E_YAML_SYNTAX', message: `双引号内的“${quote(near, 2)}”不是有效的转义`, hint: '要写反斜杠请写成“\\\\”，或改用单引号' };
    case 'KEY_OVER_1024_CHARS':
      return { code: 'E_YAML_SYNTAX', message: '字段名太长（超过 1024 个字符）', hint: '多半是正文中有英文冒号加空格“: ”，请改用中文冒号“：”或加引号' };
    case 'MULTIPLE_DOCS':
      // After a "..." end marker, any text starts a second document without a "---" to blame.
      if (!near.startsWith('---')) {
        return {
          code: 'E_YAML_MULTIPLE_DOCS',
          message: `“...”表示文件到此结束，其后的“${quote(near)}”成了第二份内容`,
          hint: '删除“...”这一行（简报文件不需要它），或删除其后的内容',
        };
      }
      return { code: 'E_YAML_MULTIPLE_DOCS', message: '一个文件只能写一期简报：这里的“---”开始了第二份内容', hint: '删除“---”，或把第二期放到另一个文件' };
    case 'ALIAS_PROPS':
    case 'BAD_ALIAS':
      return { code: 'E_YAML_ALIAS', message: '不支持 YAML 别名（*名称）：请把内容直接写出' };
    case 'MULTIPLE_ANCHORS':
    case 'BAD_PROP_ORDER':
      return { code: 'E_YAML_ANCHOR', message: '不支持 YAML 锚点（&名称）或类型标签（!标签）' };
    case 'MULTIPLE_TAGS':
    case 'TAG_RESOLVE_FAILED':
      return { code: 'E_YAML_TAG', message: '不支持 YAML 类型标签（!标签）', hint: '要写成文字请加引号' };
    case 'BAD_DIRECTIVE':
      return { code: 'E_YAML_SYNTAX', message: '不支持以“%”开头的 YAML 指令行', hint: '删除这一行' };
    case 'BLOCK_IN_FLOW':
      return { code: 'E_YAML_SYNTAX', message: '方括号或花括号内不能换行写列表或字段' };
    case 'NON_STRING_KEY':
    case 'BAD_COLLECTION_TYPE':
      return { code: 'E_YAML_KEY', message: '字段名必须是文字' };
    case 'RESOURCE_EXHAUSTION':
      return { code: 'E_TOO_LARGE', message: `嵌套层次过深（上限为 ${MAX_NESTING} 层）或别名展开过多（上限为 ${MAX_ALIAS_COUNT} 次），无法处理` };
    default:
      return { code: 'E_YAML_SYNTAX', message: `YAML 格式错误（${en}）` };
  }
}

/** The issue file's field names, as a regular-expression alternation. */
const FIELD_NAMES = Object.keys(FIELD_LABELS).join('|');

/**
 * Lines that start with one of the issue file's field names followed by a full-width colon or by a
 * colon without its space: yaml reads a run of them as one multi-line key and reports only the
 * first, so the others are found here, one message each (offset of the line's content → message).
 */
export function colonMistakes(text: string): Map<number, YamlErrorText> {
  const out = new Map<number, YamlErrorText>();
  const re = new RegExp(`^([ ]*)(?:-[ ]+)?(?:${FIELD_NAMES})(?:：|:(?=[^\\s:/]))`, 'gm');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[1]!.length;
    const lineEnd = text.indexOf('\n', at);
    const found = colonMistake(text.slice(at, lineEnd === -1 ? text.length : lineEnd));
    if (found) out.set(at, found);
  }
  return out;
}

/**
 * "period:2021-01" (no space after the colon) and "period：2021-01" (a full-width colon): yaml sees
 * one word without a colon; the clerk sees a field. Field names are ASCII words or short Han labels
 * (报、送、抄送).
 */
function colonMistake(near: string): YamlErrorText | undefined {
  const line = near.split('\n')[0]!;
  // "title 工作动态", "items": a field name of the issue file with no colon after it.
  const bare = new RegExp(`^(?:-\\s+)?(${FIELD_NAMES})(?:\\s+(\\S.*))?\\s*$`).exec(line);
  if (bare) {
    const [, key, value] = bare as unknown as [string, string, string | undefined];
    return { code: 'E_YAML_SYNTAX', key, message: `字段名“${key}”后缺少英文冒号：应写成“${key}:${value ? ` ${quote(value, 12)}` : ''}”`, hint: '字段名后写英文冒号，冒号后空一格再写内容' };
  }
  const m = /^(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*|\p{Script=Han}{1,4})(:(?=[^\s:/])|：)\s*(.*)$/u.exec(line);
  if (!m) return undefined;
  const [, key, mark, value] = m as unknown as [string, string, string, string];
  const example = `“${key}: ${quote(value, 12)}”`;
  return mark === '：'
    ? { code: 'E_YAML_SYNTAX', key, message: `字段名“${key}”后用了中文冒号“：”：应为英文冒号加空格，写成${example}`, hint: '字段名后的冒号要在英文输入法下输入' }
    : { code: 'E_YAML_SYNTAX', key, message: `字段名“${key}”后的冒号后面缺少空格：应写成${example}`, hint: '英文冒号“:”后面要空一格' };
}

/** The first few characters of `s`, for quoting in a message. */
function quote(s: string, max = 10): string {
  const chars = [...s.trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
