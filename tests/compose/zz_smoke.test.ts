import { test } from 'vitest';
import { set, texts, small } from './helpers.js';
test('smoke', () => {
  for (const s of ['见https://www.example.org/a/b/c/d?x=1&y=2。', '一' + '）'.repeat(30), '一二三四五六七《十》一。', '1234567890'.repeat(3), '他说：“我们——是好人？？”对吗……是的！！！好“好”。']) {
    const r = set(s);
    console.log(texts(r), r.events);
    console.log(r.lines.map(l=>l.glyphs.map(g=>g.text+'@'+g.xPt.toFixed(2)).join(' ')+ ' | '+l.endPt?.toFixed(2)));
  }
});
