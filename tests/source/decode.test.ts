import { describe, expect, it } from 'vitest';
import { decodeSource, firstInvalidUtf8 } from '../../src/source/decode.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

/**
 * GBK codes for a few characters, written by hand (Node has no GBK encoder). The first test checks
 * them against Node's GB18030 decoder, so a typo here cannot pass silently.
 */
const GBK: Record<string, number[]> = {
  刊: [0xbf, 0xaf],
  物: [0xce, 0xef],
  协: [0xd0, 0xad],
  会: [0xbb, 0xe1],
  党: [0xb5, 0xb3],
  建: [0xbd, 0xa8],
};
const gbk = (s: string): number[] =>
  [...s].flatMap((c) => {
    if (c.charCodeAt(0) < 0x80) return [c.charCodeAt(0)];
    const code = GBK[c];
    if (!code) throw new Error(`no GBK code for ${c} in the test table`);
    return code;
  });

describe('decodeSource', () => {
  it('the hand-written GBK table is right', () => {
    expect(new TextDecoder('gb18030').decode(Uint8Array.from(gbk('刊物协会党建')))).toBe('刊物协会党建');
  });

  it('accepts UTF-8 without BOM', () => {
    expect(decodeSource('a.yaml', utf8('title: 协会\n'))).toEqual({ ok: true, text: 'title: 协会\n', hasBom: false });
  });

  it('drops a UTF-8 BOM', () => {
    const r = decodeSource('a.yaml', concat([0xef, 0xbb, 0xbf], utf8('a: 1\n')));
    expect(r).toEqual({ ok: true, text: 'a: 1\n', hasBom: true });
  });

  it('turns CRLF and lone CR into LF', () => {
    const r = decodeSource('a.yaml', utf8('a: 1\r\nb: 2\rc: 3\r'));
    expect(r.ok && r.text).toBe('a: 1\nb: 2\nc: 3\n');
  });

  it('a GBK file: one error at the first bad byte, naming GBK and how to re-save', () => {
    const bytes = Uint8Array.from(gbk('a: 1\npublication: 刊物\n'));
    const r = decodeSource('issues/x.yaml', bytes);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const d = r.diagnostic;
    expect(d.code).toBe('E_ENCODING');
    expect(d.span).toMatchObject({ file: 'issues/x.yaml', line: 2, column: 14 });
    expect(d.message).toContain('不是 UTF-8 编码');
    expect(d.message).toContain('GBK/GB18030');
    expect(d.message).toContain('刊物');
    expect(d.hint).toContain('另存为');
    expect(d.hint).toContain('UTF-8');
  });

  it('GBK after UTF-8 Chinese, BOM and CRLF: the column counts characters, not bytes', () => {
    const bytes = concat([0xef, 0xbb, 0xbf], utf8('标题: 协会\r\n名: '), gbk('党建\r\n'));
    const r = decodeSource('x.yaml', bytes);
    expect(!r.ok && r.diagnostic.span).toMatchObject({ line: 2, column: 4 });
  });

  it('bytes that are neither UTF-8 nor GB18030: the byte is named, not GBK', () => {
    const r = decodeSource('x.yaml', concat(utf8('a: '), [0xff, 0x41]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostic.span).toMatchObject({ line: 1, column: 4 });
    expect(r.diagnostic.message).toContain('0xFF');
    expect(r.diagnostic.message).not.toContain('GBK');
  });

  it('UTF-16 (Notepad "Unicode") is named as such', () => {
    const r = decodeSource('x.yaml', Uint8Array.from([0xff, 0xfe, 0x61, 0x00]));
    expect(!r.ok && r.diagnostic.message).toContain('UTF-16');
  });

  it('a Word document picked by mistake is not called an encoding problem', () => {
    const r = decodeSource('x.yaml', concat([0x50, 0x4b, 0x03, 0x04], [0x14, 0x00, 0x06, 0x00]));
    expect(!r.ok && r.diagnostic.code).toBe('E_NOT_TEXT');
    expect(!r.ok && r.diagnostic.message).toContain('Word');
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    ['valid ASCII and Chinese', utf8('ab协会😀'), 8 + 4],
    ['lone continuation byte', Uint8Array.from([0x61, 0x80]), 1],
    ['overlong 2-byte', Uint8Array.from([0x61, 0xc0, 0x80]), 1],
    ['overlong 3-byte', Uint8Array.from([0xe0, 0x80, 0x80]), 0],
    ['UTF-16 surrogate', Uint8Array.from([0xed, 0xa0, 0x80]), 0],
    ['above U+10FFFF', Uint8Array.from([0xf4, 0x90, 0x80, 0x80]), 0],
    ['truncated at end', Uint8Array.from([0x61, 0xe5, 0x8d]), 1],
  ])('%s', (_name, bytes, expected) => {
    expect(firstInvalidUtf8(bytes)).toBe(expected);
    // Agrees with the platform decoder on validity.
    let valid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      valid = false;
    }
    expect(expected === bytes.length).toBe(valid);
  });
});
