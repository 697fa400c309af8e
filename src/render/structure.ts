/**
 * Tagged PDF (PDF 32000 §14.7–14.8, PDF/UA-1): the marked-content sequences of each page and the
 * structure tree that owns them. The layout gives the structure (StructNode, from the model) and
 * tags each run with its elements; here each tagged piece of a run becomes one marked-content
 * sequence with an MCID, everything else an /Artifact, and the tree is written with a ParentTree
 * from (page, MCID) back to the elements. Also checks what it can of PDF/UA-1 and PDF/A-3a's
 * structure rules, so that the file claims them only when they hold.
 */
import type { GlyphRun, RunGlyph, StructNode } from '../paginate/types.js';
import { pdfString, type PdfWriter, ref } from './pdfWriter.js';

/** Where one piece of an element's content is: page index and MCID on that page. */
interface Mark {
  page: number;
  mcid: number;
}

/** What the structure check found: the elements written and every rule broken. */
export interface StructureReport {
  /** Structure elements written (Document included). */
  elements: number;
  /** Marked-content sequences that are content (have an MCID). */
  contentSequences: number;
  /** Broken rules, in English (for tests and `verify`); empty when the file may claim PDF/A-3a and PDF/UA-1. */
  problems: string[];
}

/** Marked content of page contents: `/Artifact` for page numbers, and for rules. */
export const ARTIFACT_PAGINATION = '/Artifact << /Type /Pagination /Subtype /Footer >> BDC';
export const ARTIFACT_LAYOUT = '/Artifact << /Type /Layout >> BDC';

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
const EXACT = true;
const NORMALISED = false;

export class StructureBuilder {
  /** Content of each element: where its pieces are and the text they draw, in drawing order. */
  private readonly marks = new Map<StructNode, Mark[]>();
  /**
   * Per element with a text, what its pieces read so far, for the text check: EXACT once they read
   * its text, NORMALISED once they read it but for whitespace and NFKC, else the text itself. Text,
   * not the glyphs: a page's glyphs must die with its frame (issue 18).
   */
  private readonly drawn = new Map<StructNode, string | typeof EXACT | typeof NORMALISED>();
  /** Per page, the element of each MCID. */
  private readonly parents: StructNode[][] = [];
  private untagged = 0;
  private page = -1;
  /** The element whose marked-content sequence is still open: the next line of it goes in too. */
  private open: StructNode | undefined;

  constructor(private readonly root: StructNode) {}

  /**
   * Ends the open marked-content sequence. Call before drawing anything that is not a glyph run,
   * and at the end of each page's content.
   */
  close(out: string[]): void {
    if (this.open) out.push('EMC');
    this.open = undefined;
  }

  /** Starts the next page's content. */
  beginPage(): void {
    this.open = undefined;
    this.page++;
    this.parents.push([]);
  }

  /** Index of the current page in the ParentTree (its /StructParents). */
  get pageKey(): number {
    return this.page;
  }

  /**
   * Draws one glyph run through `draw`, each tagged piece inside a marked-content sequence of its
   * element (consecutive lines of one element share one sequence, an MCID per element and page),
   * an untagged run as an artifact.
   */
  run(out: string[], run: GlyphRun, draw: (out: string[], run: GlyphRun) => void): void {
    const tags = run.tags;
    if (!tags || tags.length === 0) {
      this.close(out);
      // Content the layout forgot to tag is still not left bare; the file just claims no tagging rules.
      if (run.artifact !== 'pagination') this.untagged++;
      out.push(run.artifact === 'pagination' ? ARTIFACT_PAGINATION : '/Artifact BMC');
      draw(out, run);
      out.push('EMC');
      return;
    }
    const glyphs = run.glyphs;
    for (let i = 0; i < tags.length; i++) {
      const { from, node } = tags[i]!;
      const to = i + 1 < tags.length ? tags[i + 1]!.from : glyphs.length;
      if (to <= from) continue;
      // A run's own reading (actualText) belongs to the whole run: a piece of it draws its glyphs' own.
      const piece = from === 0 && to === glyphs.length ? run : { ...run, glyphs: glyphs.slice(from, to), actualText: undefined };
      if (node.text !== undefined) this.read(node, node.text, glyphs, from, to);
      if (node === this.open) {
        draw(out, piece);
        continue;
      }
      this.close(out);
      const parents = this.parents[this.page]!;
      const mcid = parents.length;
      parents.push(node);
      let marks = this.marks.get(node);
      if (!marks) this.marks.set(node, (marks = []));
      marks.push({ page: this.page, mcid });
      out.push(`/${node.role} << /MCID ${mcid} >> BDC`);
      draw(out, piece);
      this.open = node;
    }
  }

  /** Adds what glyphs `from`–`to` read to `node`'s text so far (see `drawn`). */
  private read(node: StructNode, want: string, glyphs: readonly RunGlyph[], from: number, to: number): void {
    let piece = '';
    for (let k = from; k < to; k++) piece += glyphs[k]!.actualText ?? glyphs[k]!.text;
    const before = this.drawn.get(node);
    // Read in full already (more would be a layout bug): go on from the text it matched.
    const text = (before === undefined ? '' : typeof before === 'string' ? before : want) + piece;
    if (text === want) this.drawn.set(node, EXACT);
    // Still a beginning of the text: nothing to normalise yet.
    else if (!want.startsWith(text) && norm(text) === norm(want)) this.drawn.set(node, NORMALISED);
    else this.drawn.set(node, text);
  }

  /**
   * Writes the structure tree and the ParentTree; returns the StructTreeRoot's object number and
   * the check's report. `pages`: the page objects, by page index.
   */
  write(pdf: PdfWriter, pages: readonly number[]): { root: number; report: StructureReport } {
    const problems: string[] = [];
    if (this.untagged > 0) problems.push(`${this.untagged} run(s) of glyphs carry no structure tag`);
    const treeRoot = pdf.reserve();
    const nums = new Map<StructNode, number>();
    // Elements without content anywhere below them are left out (no empty elements).
    const hasContent = (n: StructNode): boolean => this.marks.has(n) || n.kids.some(hasContent);
    const number = (n: StructNode): void => {
      nums.set(n, pdf.reserve());
      for (const k of n.kids) if (hasContent(k)) number(k);
    };
    if (!hasContent(this.root)) problems.push('the document has no tagged content');
    else number(this.root);
    checkShape(this.root, hasContent, problems);
    for (const [node, text] of this.drawn) {
      if (typeof text !== 'string' || node.text === undefined) continue;
      if (text !== node.text && norm(text) !== norm(node.text)) {
        problems.push(`${node.role} reads "${text.slice(0, 40)}" instead of "${node.text.slice(0, 40)}"`);
      }
    }
    const write = (n: StructNode, parent: number): void => {
      const at = nums.get(n)!;
      const marks = this.marks.get(n);
      if (marks && n.kids.some(hasContent)) problems.push(`${n.role} has both content and child elements`);
      const entries: string[] = [];
      let pg = '';
      if (marks) {
        const first = marks[0]!.page;
        pg = ` /Pg ${ref(pages[first]!)}`;
        for (const m of marks) entries.push(m.page === first ? String(m.mcid) : `<< /Type /MCR /Pg ${ref(pages[m.page]!)} /MCID ${m.mcid} >>`);
      }
      for (const k of n.kids) {
        const r = nums.get(k);
        if (r !== undefined) entries.push(ref(r));
      }
      const kids = entries.length === 1 ? entries[0]! : `[${entries.join(' ')}]`;
      const lang = n.lang ? ` /Lang ${pdfString(n.lang)}` : '';
      const attrs = n.listNumbering ? ` /A << /O /List /ListNumbering /${n.listNumbering} >>` : '';
      // /Type /StructElem is optional (PDF 32000 Table 323): left out, 17 bytes an element.
      pdf.object(at, `<< /S /${n.role} /P ${ref(parent)}${pg}${lang}${attrs} /K ${kids} >>`);
      for (const k of n.kids) if (nums.has(k)) write(k, at);
    };
    if (nums.has(this.root)) write(this.root, treeRoot);
    const parentTree = pdf.reserve();
    const arrays = this.parents.map((ps, i) => `${i} [${ps.map((p) => ref(nums.get(p)!)).join(' ')}]`);
    pdf.object(parentTree, `<< /Nums [${arrays.join(' ')}] >>`);
    const rootKid = nums.get(this.root);
    pdf.object(treeRoot, `<< /Type /StructTreeRoot${rootKid !== undefined ? ` /K ${ref(rootKid)}` : ''} /ParentTree ${ref(parentTree)} /ParentTreeNextKey ${this.parents.length} >>`);
    const contentSequences = this.parents.reduce((n, ps) => n + ps.length, 0);
    return { root: treeRoot, report: { elements: nums.size, contentSequences, problems } };
  }
}

/** Allowed kids of the grouping elements used (PDF 32000 §14.8.4.3), headings in order (PDF/UA-1 §7.4). */
function checkShape(root: StructNode, hasContent: (n: StructNode) => boolean, problems: string[]): void {
  if (root.role !== 'Document') problems.push(`the root element is ${root.role}, not Document`);
  let level = 0;
  const visit = (n: StructNode): void => {
    if (!hasContent(n)) return;
    const h = /^H([1-6])$/.exec(n.role);
    if (h) {
      const l = Number(h[1]);
      if (l > level + 1) problems.push(`heading H${l} follows H${level || 'nothing'}`);
      level = l;
    }
    const kids = n.kids.filter(hasContent);
    if (n.role === 'L' && kids.some((k) => k.role !== 'LI' && k.role !== 'L')) problems.push('an L holds something other than LI');
    // PDF/UA-1 §7.6: a list whose items have labels says how they are numbered.
    if (n.role === 'L' && !n.listNumbering && kids.some((k) => k.kids.some((l) => l.role === 'Lbl'))) problems.push('an L with labels has no ListNumbering');
    if (n.role === 'LI' && kids.some((k) => k.role !== 'Lbl' && k.role !== 'LBody')) problems.push('an LI holds something other than Lbl and LBody');
    if (n.role === 'LI' && kids.filter((k) => k.role === 'LBody').length !== 1) problems.push('an LI without exactly one LBody');
    if (n.role !== 'L' && kids.some((k) => k.role === 'LI')) problems.push(`an LI outside an L (in ${n.role})`);
    if (n.role !== 'LI' && kids.some((k) => k.role === 'Lbl' || k.role === 'LBody')) problems.push(`an Lbl or LBody outside an LI (in ${n.role})`);
    for (const k of kids) visit(k);
  };
  visit(root);
}
