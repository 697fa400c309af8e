/**
 * Building blocks of the logical structure the layout hands the renderer with its frames (pure):
 * structure elements made from the model, and the tags that tie a run's glyphs to them.
 */
import type { RunTag, StructNode, StructRole } from './types.js';

/** A structure element; `text` is what its content must read as (see {@link StructNode.text}). */
export function element(role: StructRole, parent?: StructNode, text?: string): StructNode {
  const node: StructNode = { role, kids: [] };
  if (text !== undefined) {
    node.text = text;
    const lang = languageOf(text);
    if (lang) node.lang = lang;
  }
  parent?.kids.push(node);
  return node;
}

/** Tags that give a whole run to `node`. */
export function tagged(node: StructNode): RunTag[] {
  return [{ from: 0, node }];
}

/**
 * The language of a text unlike the document's zh-CN: Latin letters and no Han (or kana, hangul)
 * character means it is not Chinese, whatever brackets surround it; English is then the likeliest
 * (a screen reader reading it as Chinese spells it out letter by letter).
 */
export function languageOf(text: string): string | undefined {
  return /[A-Za-z]/.test(text) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text) ? 'en' : undefined;
}
