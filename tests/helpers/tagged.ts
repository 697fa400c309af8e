/**
 * Reading a tagged PDF with independent tools: poppler's `pdfinfo -struct-text` for the structure
 * tree as a reader sees it, qpdf's JSON for the objects and decoded page contents.
 */
import { tool } from './pdf.js';

/** One structure element as `pdfinfo -struct-text` prints it: its type, its text pieces, its kids. */
export interface StructElement {
  role: string;
  texts: string[];
  kids: StructElement[];
  /** Attribute lines poppler prints under the element, e.g. "/ListNumbering /None". */
  attributes: string[];
}

/** The structure tree of `pdf` read by poppler (throws when the PDF has none). */
export function readStructure(pdf: string): StructElement {
  const out = tool('pdfinfo', ['-struct-text', pdf]);
  const root: StructElement = { role: '(root)', texts: [], kids: [], attributes: [] };
  const stack: Array<{ depth: number; el: StructElement }> = [{ depth: -1, el: root }];
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const depth = line.length - line.trimStart().length;
    const body = line.trim();
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]!.el;
    if (body.startsWith('"')) {
      parent.texts.push(JSON.parse(body) as string);
      continue;
    }
    if (body.startsWith('/')) {
      parent.attributes.push(body);
      continue;
    }
    const role = /^(\w+)/.exec(body)![1]!;
    const el: StructElement = { role, texts: [], kids: [], attributes: [] };
    parent.kids.push(el);
    stack.push({ depth, el });
  }
  if (root.kids.length !== 1) throw new Error(`no single structure root in ${pdf}:\n${out.slice(0, 500)}`);
  return root.kids[0]!;
}

/** Every element of the tree in document order. */
export function walk(el: StructElement, out: StructElement[] = []): StructElement[] {
  out.push(el);
  for (const k of el.kids) walk(k, out);
  return out;
}

/** Elements that hold text, with their text joined (in reading order). */
export function leaves(root: StructElement): Array<{ role: string; text: string }> {
  return walk(root)
    .filter((e) => e.texts.length > 0)
    .map((e) => ({ role: e.role, text: e.texts.join('') }));
}

type Json = unknown;
interface QpdfJson {
  pages: Array<{ object: string; contents: string[] }>;
  qpdf: [unknown, Record<string, { value?: Json; stream?: { dict: Record<string, Json>; data?: string } }>];
}

/** What the marked-content walk found on every page. */
export interface MarkedContentReport {
  /** Text-showing or path-painting operators outside any marked content, per page (1-based). */
  bare: Array<{ page: number; op: string }>;
  /** Outermost marked-content sequences that are neither an Artifact nor carry an MCID. */
  unowned: Array<{ page: number; tag: string }>;
  /** MCIDs drawn, per page, and those the ParentTree does not lead back to an element that lists them. */
  mcids: number;
  unreachable: Array<{ page: number; mcid: number }>;
  /** MCIDs elements claim that no page draws. */
  dangling: Array<{ page: number; mcid: number }>;
  /** Artifact sequences, by their /Type (or '' for plain /Artifact BMC). */
  artifacts: Record<string, number>;
  /** Per element (object id), the pages its content is on. */
  elementPages: Map<string, { role: string; pages: Set<number> }>;
  /** Entries of the page dictionaries that tagged PDF wants: /Tabs and /StructParents. */
  pageDicts: Array<{ tabs?: Json; structParents?: Json }>;
  catalog: Record<string, Json>;
}

/** Tokens of a content stream: enough PDF syntax for our operators, dictionaries and TJ arrays. */
function tokens(s: string): string[] {
  const out: string[] = [];
  const re = /<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|\((?:\\.|[^\\)])*\)|\/[^\s/<>[\]()]*|[^\s/<>[\]()]+/g;
  for (const m of s.matchAll(re)) out.push(m[0]);
  return out;
}

const TEXT_OPS = new Set(['TJ', 'Tj', "'", '"']);
const PAINT_OPS = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'sh', 'Do']);

/**
 * Walks every page's content stream: each text-showing or painting operator must sit inside marked
 * content whose outermost sequence is an /Artifact or carries an MCID; each MCID must be reachable
 * through the page's /StructParents entry of the ParentTree, to an element whose /K lists it.
 */
export function checkMarkedContent(pdf: string): MarkedContentReport {
  const json = JSON.parse(tool('qpdf', ['--json=2', '--json-stream-data=inline', '--decode-level=generalized', pdf, '-'])) as QpdfJson;
  const objects = json.qpdf[1];
  const get = (r: Json): Json => {
    if (typeof r === 'string' && / 0 R$/.test(r)) {
      const o = objects[`obj:${r}`]!;
      return o.value ?? o.stream?.dict;
    }
    return r;
  };
  const dict = (r: Json): Record<string, Json> => get(r) as Record<string, Json>;
  const catalog = dict((objects['trailer']!.value as Record<string, Json>)['/Root']);
  const treeRoot = dict(catalog['/StructTreeRoot']);
  const nums = dict(treeRoot['/ParentTree'])['/Nums'] as Json[];
  const parentTree = new Map<number, Json[]>();
  for (let i = 0; i < nums.length; i += 2) parentTree.set(nums[i] as number, get(nums[i + 1]) as Json[]);

  // Which (page object, MCID) pairs each element lists, from the tree itself.
  const claimed = new Map<string, Set<number>>(); // page object -> MCIDs
  const owners = new Map<string, string>(); // `${page} ${mcid}` -> element id
  const elementPages: MarkedContentReport['elementPages'] = new Map();
  const pageIndex = new Map(json.pages.map((p, i) => [p.object, i + 1]));
  const visit = (ref: string): void => {
    const el = dict(ref);
    const pg = el['/Pg'] as string | undefined;
    const k = el['/K'];
    const kids = Array.isArray(k) ? k : k === undefined ? [] : [k];
    for (const kid of kids) {
      let page: string | undefined;
      let mcid: number | undefined;
      if (typeof kid === 'number') [page, mcid] = [pg, kid];
      else if (typeof kid === 'string') {
        visit(kid);
        continue;
      } else {
        const mcr = kid as Record<string, Json>;
        [page, mcid] = [(mcr['/Pg'] as string | undefined) ?? pg, mcr['/MCID'] as number];
      }
      if (page === undefined || mcid === undefined) throw new Error(`element ${ref} has content without a page`);
      if (!claimed.has(page)) claimed.set(page, new Set());
      claimed.get(page)!.add(mcid);
      owners.set(`${page} ${mcid}`, ref);
      const e = elementPages.get(ref) ?? { role: String(el['/S']), pages: new Set<number>() };
      e.pages.add(pageIndex.get(page)!);
      elementPages.set(ref, e);
    }
  };
  const rootK = treeRoot['/K'];
  for (const r of Array.isArray(rootK) ? rootK : [rootK]) visit(r as string);

  const report: MarkedContentReport = { bare: [], unowned: [], mcids: 0, unreachable: [], dangling: [], artifacts: {}, elementPages, pageDicts: [], catalog };
  json.pages.forEach((p, i) => {
    const page = i + 1;
    const pageDict = dict(p.object);
    report.pageDicts.push({ tabs: pageDict['/Tabs'], structParents: pageDict['/StructParents'] });
    const data = p.contents.map((c) => Buffer.from(objects[`obj:${c}`]!.stream!.data ?? '', 'base64').toString('latin1')).join('\n');
    const toks = tokens(data);
    const stack: Array<{ tag: string; mcid?: number; artifact: boolean }> = [];
    const seen = new Set<number>();
    let operands: string[] = [];
    for (const t of toks) {
      if (/^[A-Za-z'"*]+$/.test(t) && !t.startsWith('/')) {
        if (t === 'BDC' || t === 'BMC') {
          const tag = operands.find((o) => o.startsWith('/')) ?? '?';
          const at = operands.indexOf('/MCID');
          const mcid = at >= 0 ? Number(operands[at + 1]) : undefined;
          const typeAt = operands.indexOf('/Type');
          if (tag === '/Artifact' && stack.length === 0) {
            const kind = typeAt >= 0 ? operands[typeAt + 1]! : '';
            report.artifacts[kind] = (report.artifacts[kind] ?? 0) + 1;
          }
          if (stack.length === 0 && tag !== '/Artifact' && mcid === undefined) report.unowned.push({ page, tag });
          if (mcid !== undefined) {
            report.mcids++;
            seen.add(mcid);
            const parents = parentTree.get(pageDict['/StructParents'] as number);
            const owner = parents?.[mcid];
            if (typeof owner !== 'string' || owners.get(`${p.object} ${mcid}`) !== owner) report.unreachable.push({ page, mcid });
          }
          stack.push({ tag, mcid, artifact: tag === '/Artifact' });
        } else if (t === 'EMC') stack.pop();
        else if ((TEXT_OPS.has(t) || PAINT_OPS.has(t)) && stack.length === 0) report.bare.push({ page, op: t });
        operands = [];
      } else operands.push(t);
    }
    if (stack.length) report.bare.push({ page, op: 'unclosed BDC' });
    for (const mcid of claimed.get(p.object) ?? []) if (!seen.has(mcid)) report.dangling.push({ page, mcid });
  });
  return report;
}
