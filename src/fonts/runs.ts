/**
 * Text cut into runs of one face (FORMAT terms: CLUSTER): pure code over a FontSet, shared by
 * measuring (registry.ts measure) and the layout's shaping (paginate/shape.ts). It reads no folder
 * and opens no file itself; the faces it asks are the set's.
 */
import type { FontRole } from '../compose/types.js';
import { ROLE_NAMES } from './catalog.js';
import { isAttached, isUndrawn } from './chars.js';
import type { Face, FontSet } from './types.js';

/** A run of text drawn in one face. */
export interface FaceRun {
  /** What the face shapes: the text as typed, except clusters drawn from their composed (NFC) form. */
  text: string;
  /** Code-unit offset of the run's first character in the string that was split. */
  offset: number;
  /** The face that draws it; for characters no face has, the chain's first face (it draws .notdef). */
  face: Face;
  /** True when no face of the chain has the run's characters. */
  missing: boolean;
}

/** The face of a base and its marks: the base's when it has every mark, else the chain's first with all. */
function clusterFace(set: FontSet, role: FontRole, cps: readonly number[]): Face | undefined {
  const own = set.faceFor(cps[0]!, role);
  const marks = cps.slice(1);
  if (!own || marks.length === 0 || marks.every((m) => own.has(m))) return own;
  return set.chain(role).find((f) => cps.every((c) => f.has(c))) ?? own;
}

/**
 * The composed (NFC) form of a cluster holding combining marks, and the face that has all of it;
 * undefined when nothing composes, the base itself would change (a compatibility ideograph's
 * singleton), or no face of the chain has every character of the composed form.
 */
function composed(set: FontSet, role: FontRole, cluster: string): { text: string; face: Face } | undefined {
  const nfc = cluster.normalize('NFC');
  if (nfc === cluster) return undefined;
  const base = String.fromCodePoint(cluster.codePointAt(0)!);
  if (base.normalize('NFC') !== base) return undefined;
  const cps = [...nfc].map((c) => c.codePointAt(0)!).filter((cp, i) => i === 0 || !isUndrawn(cp));
  const face = clusterFace(set, role, cps);
  return face && cps.every((c) => face.has(c)) ? { text: nfc, face } : undefined;
}

/**
 * Splits `text` into runs of one face each, over `role`'s chain (there is no glyph fallback inside a
 * face, FONTS.md trap 5). A cluster — a character and the combining marks, variation selectors and
 * joiners after it — is never cut: it goes to the first face that has the character and every
 * combining mark, else to the character's own face (a variation selector a face has no variant for is
 * ignored by its shaping). A cluster with marks is drawn from its composed form when a face has it
 * (CLUSTER.marks). Characters no face has go to the chain's first face, flagged `missing`.
 */
export function splitByFace(set: FontSet, text: string, role: FontRole): FaceRun[] {
  const runs: FaceRun[] = [];
  const first = set.chain(role)[0];
  let cur: FaceRun | undefined;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    let end = i + (cp > 0xffff ? 2 : 1);
    // The marks that follow, kept with this character.
    let marks: number[] | undefined;
    while (end < text.length) {
      const next = text.codePointAt(end)!;
      if (!isAttached(next)) break;
      if (!isUndrawn(next)) (marks ??= []).push(next);
      end += next > 0xffff ? 2 : 1;
    }
    let ch = text.slice(i, end);
    let found: Face | undefined;
    const nfc = marks ? composed(set, role, ch) : undefined;
    if (nfc) {
      ch = nfc.text;
      found = nfc.face;
    } else {
      found = clusterFace(set, role, marks ? [cp, ...marks] : [cp]);
    }
    const face = found ?? first;
    if (!face) throw new Error(`字体链 ${ROLE_NAMES[role]} 中没有任何字体`);
    const missing = found === undefined;
    if (cur && cur.face === face && cur.missing === missing) cur.text += ch;
    else runs.push((cur = { text: ch, offset: i, face, missing }));
    i = end;
  }
  return runs;
}
