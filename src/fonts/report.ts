/**
 * Data and text of `bulletin fonts [issue.yaml]`: which file serves each role, its origin and
 * licence, and how much of GB 2312 / GBK it covers. Coverage opens every face and looks up ~27,000
 * characters in each, so it belongs here and never in a build.
 */
import path from 'node:path';
import type { FontRole } from '../compose/types.js';
import { formatDiagnostic, type Diagnostic } from '../diag.js';
import { ROLES, ROLE_NAMES } from './catalog.js';
import { isUndrawn, uPlus } from './chars.js';
import { gb2312Hanzi, gbkHanzi } from './gb.js';
import { preflight, type FontUse } from './preflight.js';
import { faceLabel } from './registry.js';
import { displayWidth } from '../cli/terminal.js';
import type { Face, FaceTiming, FontSet, LoadedFontSet, OfficeFace } from './types.js';

/** One face of a chain, as the report shows it. */
export interface FaceReport {
  id: string;
  /** Family plus non-regular style, e.g. "Noto Serif SC Black". */
  label: string;
  family: string;
  postscriptName: string;
  file: string;
  origin: Face['origin'];
  licence: string;
  /** GB 2312 hanzi (of 6,763) with a glyph in this face. */
  gb2312: number;
  /** GBK hanzi (of 20,902, see gb.ts) with a glyph in this face. */
  gbk: number;
}

/** One role: its chain and what the chain as a whole covers. */
export interface RoleReport {
  role: FontRole;
  roleName: string;
  faces: FaceReport[];
  /** Hanzi some face of the chain has. */
  chainGb2312: number;
  chainGbk: number;
}

/** How an issue's characters of one role are served. */
export interface IssueRoleReport {
  role: FontRole;
  roleName: string;
  /** Distinct drawn characters of this role in the issue. */
  distinct: number;
  /** Per face of the chain (in chain order, only faces that serve something): how many of those characters. */
  byFace: Array<{ id: string; label: string; count: number }>;
  /** Characters drawn by a later face than the first. */
  fallback: string[];
  /** Characters no face of the chain has. */
  missing: string[];
}

/** Everything `bulletin fonts` prints. */
export interface FontsReport {
  totals: { gb2312: number; gbk: number };
  roles: RoleReport[];
  /** What became of each face of the office folder (empty for a plain FontSet). */
  office: OfficeFace[];
  /** Problems with the fonts themselves (refused, unreadable, missing). */
  diagnostics: Diagnostic[];
  /** Faces opened so far and their cost (after the coverage count, that is every face). */
  timings: FaceTiming[];
  /** Present when the report was made for an issue. */
  issue?: { roles: IssueRoleReport[]; diagnostics: Diagnostic[] };
}

const isLoaded = (set: FontSet): set is LoadedFontSet => 'diagnostics' in set && 'officeFaces' in set;

function count(face: Face, cps: readonly number[]): number {
  let n = 0;
  for (const cp of cps) if (face.has(cp)) n++;
  return n;
}

/**
 * Builds the fonts report for `set`; with `issue` (the same uses the build's preflight checks) it
 * also says which face draws the issue's characters and runs the preflight. Slow (hundreds of ms):
 * opens every face and counts its GB 2312/GBK coverage.
 */
export function fontsReport(set: FontSet, issue?: ReadonlyArray<FontUse>): FontsReport {
  const gb = gb2312Hanzi();
  const gk = gbkHanzi();
  const coverage = new Map<Face, { gb2312: number; gbk: number }>();
  const cover = (f: Face) => {
    let c = coverage.get(f);
    if (!c) coverage.set(f, (c = { gb2312: count(f, gb), gbk: count(f, gk) }));
    return c;
  };
  const roles: RoleReport[] = ROLES.map((role) => {
    const chain = set.chain(role);
    const inChain = (cp: number) => set.faceFor(cp, role) !== undefined;
    return {
      role,
      roleName: ROLE_NAMES[role],
      faces: chain.map((f) => ({
        id: f.id,
        label: faceLabel(f),
        family: f.family,
        postscriptName: f.postscriptName,
        file: f.file,
        origin: f.origin,
        licence: f.licence,
        ...cover(f),
      })),
      chainGb2312: gb.filter(inChain).length,
      chainGbk: gk.filter(inChain).length,
    };
  });

  const report: FontsReport = {
    totals: { gb2312: gb.length, gbk: gk.length },
    roles,
    office: isLoaded(set) ? [...set.officeFaces] : [],
    diagnostics: isLoaded(set) ? [...set.diagnostics] : [],
    timings: isLoaded(set) ? [...set.timings()] : [],
  };
  if (issue) report.issue = { roles: issueRoles(set, issue), diagnostics: preflight(set, issue) };
  return report;
}

function issueRoles(set: FontSet, uses: ReadonlyArray<FontUse>): IssueRoleReport[] {
  const chars = new Map<FontRole, Set<number>>();
  for (const u of uses) {
    let s = chars.get(u.role);
    if (!s) chars.set(u.role, (s = new Set()));
    for (const ch of u.text) {
      const cp = ch.codePointAt(0)!;
      if (!isUndrawn(cp)) s.add(cp);
    }
  }
  return ROLES.filter((r) => chars.has(r)).map((role) => {
    const chain = set.chain(role);
    const counts = new Map<Face, number>();
    const fallback: string[] = [];
    const missing: string[] = [];
    for (const cp of chars.get(role)!) {
      const face = set.faceFor(cp, role);
      if (!face) missing.push(String.fromCodePoint(cp));
      else {
        counts.set(face, (counts.get(face) ?? 0) + 1);
        if (face !== chain[0]) fallback.push(String.fromCodePoint(cp));
      }
    }
    return {
      role,
      roleName: ROLE_NAMES[role],
      distinct: chars.get(role)!.size,
      byFace: chain.filter((f) => counts.has(f)).map((f) => ({ id: f.id, label: faceLabel(f), count: counts.get(f)! })),
      fallback,
      missing,
    };
  });
}

// ---- Text ----

const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

function table(rows: string[][], indent: string): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows.map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd());
}

const ORIGIN: Readonly<Record<Face['origin'], string>> = { office: '单位字体', bundled: '随附', package: 'npm 包' };
const STATUS: Readonly<Record<OfficeFace['status'], string>> = {
  used: '已采用',
  fallback: '作后备',
  refused: '拒用',
  unmatched: '未用',
  duplicate: '重复',
};

const pct = (n: number, of: number): string => `${n}（${of ? ((n / of) * 100).toFixed(1) : '0.0'}%）`;

/** Options of formatFontsReport. */
export interface FormatFontsReportOptions {
  /** Paths are shown relative to this folder when inside it. */
  cwd?: string;
}

/** Prints a FontsReport as Chinese text tables (pure: no I/O). */
export function formatFontsReport(r: FontsReport, opts: FormatFontsReportOptions = {}): string {
  const show = (file: string): string => {
    if (!opts.cwd) return file;
    const rel = path.relative(opts.cwd, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
  };
  const lines: string[] = [];
  lines.push(`字体报告（GB 2312 汉字 ${r.totals.gb2312} 个；GBK 汉字 ${r.totals.gbk} 个，即 U+4E00–U+9FA5）`);
  for (const role of r.roles) {
    lines.push('', `【${role.roleName}】 字体链（前面的字体优先，缺字时依次向后找）`);
    const rows = [['序', '字体', 'PostScript 名', '来源', '许可', 'GB2312', 'GBK', '文件']];
    role.faces.forEach((f, i) =>
      rows.push([String(i + 1), f.label, f.postscriptName, ORIGIN[f.origin], f.licence === 'unknown' ? '未知（单位自备）' : f.licence, pct(f.gb2312, r.totals.gb2312), pct(f.gbk, r.totals.gbk), show(f.file)]),
    );
    rows.push(['', '整条链合计', '', '', '', pct(role.chainGb2312, r.totals.gb2312), pct(role.chainGbk, r.totals.gbk), '']);
    lines.push(...table(rows, '  '));
  }
  lines.push('', '【单位字体】（fonts/ 文件夹中找到的字体）');
  if (r.office.length === 0) lines.push('  没有找到单位自己的字体，全部使用随附的免费字体。');
  else {
    const rows = [['状态', '字体名', 'PostScript 名', '文件', '说明']];
    for (const o of r.office) {
      const where = show(o.file) + (o.index > 0 ? ` #${o.index + 1}` : '');
      const roles = o.roles.map((x) => ROLE_NAMES[x]).join('、');
      const note = o.status === 'used' ? `用作${roles}` : (o.reason ?? '');
      rows.push([STATUS[o.status], o.names[0] ?? '', o.postscriptName, where, note]);
    }
    lines.push(...table(rows, '  '));
  }
  if (r.diagnostics.length > 0) {
    lines.push('', '【字体问题】');
    for (const d of r.diagnostics) lines.push('  ' + formatDiagnostic(d));
  }
  if (r.issue) {
    lines.push('', '【本期用字】');
    for (const ir of r.issue.roles) {
      const by = ir.byFace.map((b) => `${b.label} ${b.count} 个`).join('，');
      lines.push(`  ${ir.roleName}：不同的字 ${ir.distinct} 个，${by || '无'}`);
      if (ir.fallback.length) lines.push(`    用后备字体：${ir.fallback.join(' ')}`);
      if (ir.missing.length) lines.push(`    缺字（会印成方框）：${ir.missing.map((c) => `${c}（${uPlus(c.codePointAt(0)!)}）`).join(' ')}`);
    }
    for (const d of r.issue.diagnostics) lines.push('  ' + formatDiagnostic(d));
  }
  if (r.timings.length > 0) {
    lines.push('', '【打开耗时】（毫秒：WOFF 转换 / 读入并解析 / 首次查字）');
    const rows = r.timings.map((t) => [t.id, `${t.convertMs}`, `${t.openMs}`, `${Math.max(0, t.firstGlyphMs)}`]);
    lines.push(...table(rows, '  '));
  }
  return lines.join('\n') + '\n';
}
