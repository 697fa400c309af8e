import PDFDocument from 'pdfkit';
import { expect, test } from 'vitest';
import { loadFontSet } from '../../src/fonts/registry.js';

/** Renders `text` in `font` with pdfkit's own text call and returns the PDF. */
function pdfWith(font: unknown, text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ compress: true });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.font(font as never).fontSize(16).text(text);
    doc.end();
  });
}

// FONTS.md traps 1–3: the face objects must embed as small subsets (a broken font embeds whole).
test('every free face embeds through pdfkit as a subset', async () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
  const sample: Record<string, string> = {
    DejaVuSans: '➤●◆■✓ 2021',
    'LXGWWenKai-Regular': '𠮷野家 中文',
  };
  for (const face of set.faces()) {
    const pdf = await pdfWith(face.font, sample[face.id] ?? '中文信息动态——2021年');
    console.log(`${face.id}: PDF ${(pdf.length / 1024).toFixed(1)} KB`);
    expect(pdf.length).toBeLessThan(100 * 1024);
    expect(pdf.toString('latin1')).toContain('/FontFile');
  }
});

test('pdfkit draws the full-em dash that measure() counts (Noto Serif SC, song role)', () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
  const song = set.chain('song')[0]!;
  const doc = new PDFDocument();
  doc.font(song.font as never).fontSize(10);
  expect(doc.widthOfString('\u2014')).toBeCloseTo(10 * set.measure('\u2014', 'song'), 3);
  expect(doc.widthOfString('\u2014')).toBeCloseTo(10, 3);
  expect(doc.widthOfString('\u2014\u2014')).toBeCloseTo(20, 3);
});
