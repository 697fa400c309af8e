/**
 * A Type 2 charstring interpreter (Adobe TN #5177), used two ways by the CFF subsetter:
 * - to find every subroutine call a glyph makes, and where in which charstring its number is written
 *   (so the call can be renumbered byte for byte);
 * - to decode a glyph's outline, so a subset can be checked against its source before it is used.
 *
 * The operand stack and the hint count belong to the glyph, not to a charstring: a subroutine sees
 * the operands its caller pushed and leaves its own to the caller (subroutinizers split a run of
 * operands across a call all the time). Stems declared by hstem/vstem/hstemhm/vstemhm, and the
 * implicit vstems before the first hintmask/cntrmask, fix how many bytes each mask takes; counting
 * them wrong shifts every later byte. Each operand remembers where it was written, so a call's
 * number is known to be a literal just before the call, or the call is reported as not followable.
 */

export class CharstringError extends Error {}

/** A subroutine INDEX as the interpreter sees it: its entries by unbiased number. */
export interface SubrTable {
  count: number;
  get(n: number): Uint8Array;
}

/** A call site: the literal at [pos, pos+len) of the calling charstring holds the biased number. */
export interface CallSite {
  pos: number;
  len: number;
  /** Unbiased subroutine number. */
  target: number;
  global: boolean;
}

/** Path opcodes in a decoded outline: M x y, L x y, C x1 y1 x2 y2 x y, Z. */
export const PATH = { M: -1, L: -2, C: -3, Z: -4 } as const;

export const subrBias = (count: number): number => (count < 1240 ? 107 : count < 33900 ? 1131 : 32768);

/** Work allowed per glyph: nested calls can fan out, a hostile font must not hang the build. */
const MAX_OPS = 200_000;
/** Type 2 nesting limit for subroutine calls. */
const MAX_DEPTH = 10;
const MAX_STACK = 513;

export interface RunOptions {
  global: SubrTable;
  local?: SubrTable | undefined;
  /**
   * Called after each subroutine call with the call sites found inside that subroutine (the
   * subset keeps one renumbering per subroutine, so every run of it must agree).
   */
  onSubr?: (global: boolean, n: number, sites: CallSite[]) => void;
  /** Collect the outline (else only calls and hints are followed). */
  path?: boolean;
  /** Throw CharstringError for a call whose number is not a literal written just before it. */
  literalCalls?: boolean;
}

/** Runs one glyph's charstring. Returns the call sites in the glyph's own charstring, and its outline when asked. */
export function runGlyph(cs: Uint8Array, opts: RunOptions): { sites: CallSite[]; path: number[] } {
  // One machine is reused (its stack arrays are what a glyph would otherwise allocate).
  const m = spare ?? new Machine();
  spare = undefined;
  try {
    m.reset(opts);
    const sites: CallSite[] = [];
    m.run(cs, sites, 0);
    m.finish();
    return { sites, path: m.out };
  } finally {
    spare = m;
  }
}
let spare: Machine | undefined;

/**
 * The interpreter. The operand stack is kept in parallel arrays (value; and for a literal, the
 * charstring and byte range it was written in, `buf` null for a computed value): a CJK subset runs
 * hundreds of thousands of operands through it.
 */
class Machine {
  private readonly val = new Float64Array(MAX_STACK);
  private readonly buf: Array<Uint8Array | null> = new Array<Uint8Array | null>(MAX_STACK).fill(null);
  private readonly pos = new Int32Array(MAX_STACK);
  private readonly len = new Uint8Array(MAX_STACK);
  private sp = 0;
  private stems = 0;
  /** The first stack-clearing operator (which may carry the advance width) has been seen. */
  private widthDone = false;
  private ops = 0;
  private x = 0;
  private y = 0;
  private open = false;
  private readonly transient: number[] = [];
  out: number[] = [];
  private globalBias = 0;
  private localBias = 0;
  private o: RunOptions = { global: { count: 0, get: () => new Uint8Array(0) } };

  reset(o: RunOptions): void {
    this.o = o;
    this.globalBias = subrBias(o.global.count);
    this.localBias = o.local ? subrBias(o.local.count) : 0;
    this.sp = 0;
    this.stems = 0;
    this.widthDone = false;
    this.ops = 0;
    this.x = 0;
    this.y = 0;
    this.open = false;
    this.transient.length = 0;
    this.out = [];
  }

  private push(v: number, buf: Uint8Array | null = null, pos = 0, len = 0): void {
    const k = this.sp;
    if (k >= MAX_STACK) throw new CharstringError('charstring operand stack overflow');
    this.val[k] = v;
    this.buf[k] = buf;
    this.pos[k] = pos;
    this.len[k] = len;
    this.sp = k + 1;
  }
  private pop(): number {
    if (this.sp === 0) throw new CharstringError('charstring operand stack underflow');
    return this.val[--this.sp]!;
  }

  /** Drops the advance width if this is the first stack-clearing operator and it carries one. */
  private width(hasWidth: boolean): void {
    if (!this.widthDone) {
      this.widthDone = true;
      if (hasWidth) {
        this.val.copyWithin(0, 1, this.sp);
        this.pos.copyWithin(0, 1, this.sp);
        this.len.copyWithin(0, 1, this.sp);
        this.buf.copyWithin(0, 1, this.sp);
        this.sp--;
      }
    }
  }

  private moveTo(x: number, y: number): void {
    if (!this.o.path) return;
    if (this.open) this.out.push(PATH.Z);
    this.out.push(PATH.M, x, y);
    this.open = true;
  }
  private lineTo(x: number, y: number): void {
    this.x = x;
    this.y = y;
    if (this.o.path) this.out.push(PATH.L, x, y);
  }
  private curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void {
    this.x = x;
    this.y = y;
    if (this.o.path) this.out.push(PATH.C, x1, y1, x2, y2, x, y);
  }
  finish(): void {
    if (this.o.path && this.open) this.out.push(PATH.Z);
    this.open = false;
  }

  /** Runs `cs`; true when it ended the glyph (endchar). Call sites in `cs` go to `sites`. */
  run(cs: Uint8Array, sites: CallSite[], depth: number): boolean {
    const s = this.val;
    let i = 0;
    while (i < cs.length) {
      if (++this.ops > MAX_OPS) throw new CharstringError('charstring too complex');
      const b = cs[i]!;
      if (b >= 32 || b === 28) {
        let v: number;
        let len: number;
        if (b === 28) {
          if (i + 2 >= cs.length) throw new CharstringError('truncated charstring');
          v = (((cs[i + 1]! << 8) | cs[i + 2]!) << 16) >> 16;
          len = 3;
        } else if (b <= 246) {
          v = b - 139;
          len = 1;
        } else if (b <= 254) {
          if (i + 1 >= cs.length) throw new CharstringError('truncated charstring');
          v = b <= 250 ? (b - 247) * 256 + cs[i + 1]! + 108 : -(b - 251) * 256 - cs[i + 1]! - 108;
          len = 2;
        } else {
          if (i + 4 >= cs.length) throw new CharstringError('truncated charstring');
          v = ((cs[i + 1]! << 24) | (cs[i + 2]! << 16) | (cs[i + 3]! << 8) | cs[i + 4]!) / 65536;
          len = 5;
        }
        this.push(v, cs, i, len);
        i += len;
        continue;
      }
      const at = i;
      i++;
      switch (b) {
        case 1: // hstem
        case 3: // vstem
        case 18: // hstemhm
        case 23: // vstemhm
          this.width(this.sp % 2 === 1);
          this.stems += this.sp >> 1;
          this.sp = 0;
          break;
        case 19: // hintmask
        case 20: // cntrmask
          // Operands left before the first mask are an implicit vstemhm.
          this.width(this.sp % 2 === 1);
          this.stems += this.sp >> 1;
          this.sp = 0;
          i += (this.stems + 7) >> 3;
          if (i > cs.length) throw new CharstringError('truncated hintmask');
          break;
        case 21: // rmoveto
          this.width(this.sp > 2);
          this.need(2);
          this.x += s[0]!;
          this.y += s[1]!;
          this.moveTo(this.x, this.y);
          this.sp = 0;
          break;
        case 22: // hmoveto
          this.width(this.sp > 1);
          this.need(1);
          this.x += s[0]!;
          this.moveTo(this.x, this.y);
          this.sp = 0;
          break;
        case 4: // vmoveto
          this.width(this.sp > 1);
          this.need(1);
          this.y += s[0]!;
          this.moveTo(this.x, this.y);
          this.sp = 0;
          break;
        case 5: // rlineto
          for (let k = 0; k + 1 < this.sp; k += 2) this.lineTo(this.x + s[k]!, this.y + s[k + 1]!);
          this.sp = 0;
          break;
        case 6: // hlineto
        case 7: {
          // vlineto
          let horizontal = b === 6;
          for (let k = 0; k < this.sp; k++) {
            if (horizontal) this.lineTo(this.x + s[k]!, this.y);
            else this.lineTo(this.x, this.y + s[k]!);
            horizontal = !horizontal;
          }
          this.sp = 0;
          break;
        }
        case 8: // rrcurveto
          this.curves(0, this.sp);
          this.sp = 0;
          break;
        case 24: {
          // rcurveline
          const end = this.sp - 2;
          this.curves(0, end);
          if (end >= 0) this.lineTo(this.x + s[end]!, this.y + s[end + 1]!);
          this.sp = 0;
          break;
        }
        case 25: {
          // rlinecurve
          let k = 0;
          for (; k + 6 < this.sp; k += 2) this.lineTo(this.x + s[k]!, this.y + s[k + 1]!);
          this.curves(k, this.sp);
          this.sp = 0;
          break;
        }
        case 26: {
          // vvcurveto: dx1? {dya dxb dyb dyc}+
          let k = 0;
          let dx1 = 0;
          if (this.sp % 2 === 1) dx1 = s[k++]!;
          for (; k + 3 < this.sp; k += 4) {
            const x1 = this.x + dx1;
            const y1 = this.y + s[k]!;
            const x2 = x1 + s[k + 1]!;
            const y2 = y1 + s[k + 2]!;
            this.curveTo(x1, y1, x2, y2, x2, y2 + s[k + 3]!);
            dx1 = 0;
          }
          this.sp = 0;
          break;
        }
        case 27: {
          // hhcurveto: dy1? {dxa dxb dyb dxc}+
          let k = 0;
          let dy1 = 0;
          if (this.sp % 2 === 1) dy1 = s[k++]!;
          for (; k + 3 < this.sp; k += 4) {
            const x1 = this.x + s[k]!;
            const y1 = this.y + dy1;
            const x2 = x1 + s[k + 1]!;
            const y2 = y1 + s[k + 2]!;
            this.curveTo(x1, y1, x2, y2, x2 + s[k + 3]!, y2);
            dy1 = 0;
          }
          this.sp = 0;
          break;
        }
        case 30: // vhcurveto
        case 31: {
          // hvcurveto
          let horizontal = b === 31;
          for (let k = 0; k + 3 < this.sp; k += 4) {
            const last = this.sp - k === 5 ? s[k + 4]! : 0;
            if (horizontal) {
              const x1 = this.x + s[k]!;
              const y1 = this.y;
              const x2 = x1 + s[k + 1]!;
              const y2 = y1 + s[k + 2]!;
              this.curveTo(x1, y1, x2, y2, x2 + last, y2 + s[k + 3]!);
            } else {
              const x1 = this.x;
              const y1 = this.y + s[k]!;
              const x2 = x1 + s[k + 1]!;
              const y2 = y1 + s[k + 2]!;
              this.curveTo(x1, y1, x2, y2, x2 + s[k + 3]!, y2 + last);
            }
            horizontal = !horizontal;
          }
          this.sp = 0;
          break;
        }
        case 10: // callsubr
        case 29: {
          // callgsubr
          const global = b === 29;
          const table = global ? this.o.global : this.o.local;
          if (this.sp === 0) throw new CharstringError('callsubr without a number');
          const t = --this.sp;
          if (!table) throw new CharstringError('callsubr without local subrs');
          const n = s[t]! + (global ? this.globalBias : this.localBias);
          if (!Number.isInteger(n) || n < 0 || n >= table.count) throw new CharstringError('subr number out of range');
          if (depth >= MAX_DEPTH) throw new CharstringError('subrs nested too deep');
          if (this.buf[t] === cs && this.pos[t]! + this.len[t]! === at) sites.push({ pos: this.pos[t]!, len: this.len[t]!, target: n, global });
          else if (this.o.literalCalls) throw new CharstringError('computed subr number');
          const own: CallSite[] = [];
          const ended = this.run(table.get(n), own, depth + 1);
          this.o.onSubr?.(global, n, own);
          if (ended) return true;
          break;
        }
        case 11: // return
          return false;
        case 14: // endchar
          this.width(this.sp === 1 || this.sp === 5);
          // Four operands left: the deprecated seac accent composition (glyphs by StandardEncoding).
          if (this.sp !== 0) throw new CharstringError('seac is not supported');
          this.finish();
          return true;
        case 12: {
          if (i >= cs.length) throw new CharstringError('truncated charstring');
          this.escape(cs[i++]!);
          break;
        }
        default:
          throw new CharstringError(`reserved charstring operator ${b}`);
      }
    }
    return false;
  }

  private need(n: number): void {
    if (this.sp < n) throw new CharstringError('charstring operand stack underflow');
  }

  /** rrcurveto over stack[from, to): groups of six. */
  private curves(from: number, to: number): void {
    const s = this.val;
    for (let k = from; k + 5 < to; k += 6) {
      const x1 = this.x + s[k]!;
      const y1 = this.y + s[k + 1]!;
      const x2 = x1 + s[k + 2]!;
      const y2 = y1 + s[k + 3]!;
      this.curveTo(x1, y1, x2, y2, x2 + s[k + 4]!, y2 + s[k + 5]!);
    }
  }

  private escape(op: number): void {
    const s = this.val;
    const v = (k: number): number => s[k]!;
    switch (op) {
      case 0: // dotsection (deprecated, no effect)
        this.sp = 0;
        return;
      case 35: {
        // flex: dx1 dy1 dx2 dy2 dx3 dy3 dx4 dy4 dx5 dy5 dx6 dy6 fd
        this.need(12);
        const x1 = this.x + v(0), y1 = this.y + v(1);
        const x2 = x1 + v(2), y2 = y1 + v(3);
        const x3 = x2 + v(4), y3 = y2 + v(5);
        this.curveTo(x1, y1, x2, y2, x3, y3);
        const x4 = x3 + v(6), y4 = y3 + v(7);
        const x5 = x4 + v(8), y5 = y4 + v(9);
        this.curveTo(x4, y4, x5, y5, x5 + v(10), y5 + v(11));
        this.sp = 0;
        return;
      }
      case 34: {
        // hflex: dx1 dx2 dy2 dx3 dx4 dx5 dx6
        this.need(7);
        const y0 = this.y;
        const x1 = this.x + v(0);
        const x2 = x1 + v(1), y2 = y0 + v(2);
        const x3 = x2 + v(3);
        this.curveTo(x1, y0, x2, y2, x3, y2);
        const x4 = x3 + v(4);
        const x5 = x4 + v(5);
        this.curveTo(x4, y2, x5, y0, x5 + v(6), y0);
        this.sp = 0;
        return;
      }
      case 36: {
        // hflex1: dx1 dy1 dx2 dy2 dx3 dx4 dx5 dy5 dx6
        this.need(9);
        const y0 = this.y;
        const x1 = this.x + v(0), y1 = y0 + v(1);
        const x2 = x1 + v(2), y2 = y1 + v(3);
        const x3 = x2 + v(4);
        this.curveTo(x1, y1, x2, y2, x3, y2);
        const x4 = x3 + v(5);
        const x5 = x4 + v(6), y5 = y2 + v(7);
        this.curveTo(x4, y2, x5, y5, x5 + v(8), y0);
        this.sp = 0;
        return;
      }
      case 37: {
        // flex1: dx1 dy1 … dx5 dy5 d6
        this.need(11);
        const x0 = this.x, y0 = this.y;
        const x1 = x0 + v(0), y1 = y0 + v(1);
        const x2 = x1 + v(2), y2 = y1 + v(3);
        const x3 = x2 + v(4), y3 = y2 + v(5);
        this.curveTo(x1, y1, x2, y2, x3, y3);
        const x4 = x3 + v(6), y4 = y3 + v(7);
        const x5 = x4 + v(8), y5 = y4 + v(9);
        if (Math.abs(x5 - x0) > Math.abs(y5 - y0)) this.curveTo(x4, y4, x5, y5, x5 + v(10), y0);
        else this.curveTo(x4, y4, x5, y5, x0, y5 + v(10));
        this.sp = 0;
        return;
      }
    }
    // Arithmetic and storage: results are computed, not literals (never renumbered as a subr number).
    const a = (): number => this.pop();
    switch (op) {
      case 3: { // and
        const b2 = a(), a1 = a();
        this.push(a1 !== 0 && b2 !== 0 ? 1 : 0);
        return;
      }
      case 4: { // or
        const b2 = a(), a1 = a();
        this.push(a1 !== 0 || b2 !== 0 ? 1 : 0);
        return;
      }
      case 5: // not
        this.push(a() === 0 ? 1 : 0);
        return;
      case 9: // abs
        this.push(Math.abs(a()));
        return;
      case 10: { // add
        const b2 = a(), a1 = a();
        this.push(a1 + b2);
        return;
      }
      case 11: { // sub
        const b2 = a(), a1 = a();
        this.push(a1 - b2);
        return;
      }
      case 12: { // div
        const b2 = a(), a1 = a();
        if (b2 === 0) throw new CharstringError('division by zero');
        this.push(a1 / b2);
        return;
      }
      case 14: // neg
        this.push(-a());
        return;
      case 15: { // eq
        const b2 = a(), a1 = a();
        this.push(a1 === b2 ? 1 : 0);
        return;
      }
      case 18: // drop
        a();
        return;
      case 20: { // put
        const idx = a(), val = a();
        if (!Number.isInteger(idx) || idx < 0 || idx >= 32) throw new CharstringError('bad put index');
        this.transient[idx] = val;
        return;
      }
      case 21: { // get
        const idx = a();
        if (!Number.isInteger(idx) || idx < 0 || idx >= 32) throw new CharstringError('bad get index');
        this.push(this.transient[idx] ?? 0);
        return;
      }
      case 22: { // ifelse
        const v2 = a(), v1 = a(), s2 = a(), s1 = a();
        this.push(v1 <= v2 ? s1 : s2);
        return;
      }
      case 24: { // mul
        const b2 = a(), a1 = a();
        this.push(a1 * b2);
        return;
      }
      case 26: // sqrt
        this.push(Math.sqrt(a()));
        return;
      case 27: { // dup
        const t = a();
        this.push(t);
        this.push(t);
        return;
      }
      case 28: { // exch
        const b2 = a(), a1 = a();
        this.push(b2);
        this.push(a1);
        return;
      }
      case 29: { // index
        const idx = a();
        const k = this.sp - 1 - (idx < 0 ? 0 : idx);
        if (!Number.isInteger(idx) || k < 0) throw new CharstringError('bad index');
        this.push(s[k]!);
        return;
      }
      case 30: { // roll
        const j = a(), n = a();
        if (!Number.isInteger(n) || !Number.isInteger(j) || n < 0 || n > this.sp) throw new CharstringError('bad roll');
        if (n === 0) return;
        this.sp -= n;
        const part = Array.from(s.subarray(this.sp, this.sp + n));
        const shift = ((j % n) + n) % n;
        for (let k = 0; k < n; k++) this.push(part[(k - shift + n) % n]!);
        return;
      }
      // random (23) would make the outline differ between runs; the rest is reserved.
      default:
        throw new CharstringError(`unsupported charstring operator 12 ${op}`);
    }
  }
}
