/** The 【】 rule for section headings, shared by the semantic check and the model builder. */

/** True when the title is already wrapped in 【】 (outer spaces ignored): it is then printed as is. */
export function isBracketed(title: string): boolean {
  const t = title.trim();
  return t.length >= 2 && t.startsWith('【') && t.endsWith('】');
}
