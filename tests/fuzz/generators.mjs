/**
 * Hostile issue files for the fuzz tests (tests/fuzz/fuzz.test.ts, a few hundred cases) and the long
 * fuzz run (scripts/fuzz.mjs, 100 000 cases on the compiled dist/). Plain JavaScript so that both
 * can import it; types in generators.d.mts.
 *
 * A case is built in three steps, each drawn by fast-check (so a seed reproduces it exactly):
 * 1. an issue as data: every field present and well shaped most of the time, each string field
 *    ordinary Chinese text or text with hostile characters (controls, zero-width and combining
 *    characters, emoji with ZWJ and flags, right-to-left text, lone surrogates, U+FFFD, private
 *    use, Extension B, noncharacters, unassigned code points, U+2028/2029, BOM, NUL, long words,
 *    empty lines, YAML punctuation); sometimes mutated as data (renamed or deleted keys, wrong
 *    types, deep nesting, unknown keys, many items);
 * 2. serialised to YAML, by the yaml package with random scalar styles and line widths (escapes
 *    exercised) or by a naive writer that pastes values in raw (often broken YAML);
 * 3. mutated as text and bytes: truncation at a random byte, byte flips and insertions, lines
 *    deleted, duplicated or re-indented, values replaced by wrong types, deep nesting inserted,
 *    anchors, aliases, tags, directives and documents, BOMs, CRLF, tabs, UTF-16, huge repeats.
 */
import fc from 'fast-check';
import { Document, isScalar, visit } from 'yaml';

/** Cases stop growing past this many characters (the limits answer long before). */
const TEXT_BUDGET = 2_000_000;

/** Ordinary text: common characters and Chinese punctuation (what most of a real issue is). */
const HAN = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
const PUNCT = '，。、；：？！“”‘’（）《》【】——……·～';
const LATIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Characters and sequences a clerk's file may contain by accident (or a fuzzer on purpose). */
export const HOSTILE = [
  // C0 controls (tab, line feed and carriage return included), DEL, C1 controls
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\x7f', '\x80', '\x85', '\x9f',
  // zero-width and invisible format characters, soft hyphen, BOM in the middle
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad',
  // direction marks, embeddings, overrides and isolates
  '\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069',
  // combining marks, alone and on letters and ideographs
  '\u0301', 'e\u0301', 'a\u0308\u0323', '中\u0301', '\u20dd', 'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357',
  // emoji: single, with variation selector, skin tone, ZWJ sequences, flags, tag sequence, keycap
  '😀', '❤️', '👍🏽', '👨‍👩‍👧', '🧑🏻‍💻', '🇨🇳', '🇺🇳', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '1️⃣', '🀄', '\u{1f1e6}',
  // right-to-left text
  'مرحبا بالعالم', 'שלום עולם', 'abc\u202eцба', 'ܫܠܡܐ',
  // lone surrogates (become U+FFFD when encoded as UTF-8; reach the text through YAML escapes)
  '\ud800', '\udfff', '\udbff', 'a\ud83d', '\ude00b',
  // the replacement character, private use, Extension B and G, noncharacters, unassigned
  '\ufffd', '\ue000', '\uf8ff', '\u{f0000}', '\u{10fffd}', '𠮷', '𠀀', '\u{2a6d6}', '\u{30000}',
  '\ufffe', '\uffff', '\ufdd0', '\u{1fffe}', '\u{10ffff}', '\u0378', '\u038b', '\u2065', '\ufff0',
  // separators and spaces
  '\u2028', '\u2029', '\u3000', '\u00a0', '\u2003', '\u202f', '\u180e',
  // variation selectors, ideographic variation sequence
  '\ufe0f', '\ufe0e', '葛\u{e0100}',
  // YAML punctuation that changes the meaning of a plain scalar
  ': ', ' #', '#', '- ', '[', ']', '{', '}', '&a ', '*a', '!x ', '|', '>', "'", '"', '%', '@', '`', '---', '...', '? ', ',', '\\',
  // full-width ASCII, dashes and ellipses
  'ＡＢＣ１２３％', '——', '……', '⸺⸻', '“引号”', '"straight"',
  // the placeholder mark `bulletin new` leaves (the CLI's wrappers look for it)
  '请在此填写',
];

/** A chunk of ordinary Chinese text (with punctuation). */
const hanChunk = fc
  .array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...HAN) }, { weight: 2, arbitrary: fc.constantFrom(...PUNCT) }), { minLength: 1, maxLength: 40 })
  .map((a) => a.join(''));

/** A very long word: letters, digits or a URL, up to about 1 500 characters. */
const longWord = fc.oneof(
  fc.tuple(fc.constantFrom(...LATIN), fc.integer({ min: 30, max: 1500 })).map(([c, n]) => c.repeat(n)),
  fc.integer({ min: 5, max: 300 }).map((n) => 'https://example.com/' + 'path/'.repeat(n)),
  fc.string({ unit: fc.constantFrom(...LATIN), minLength: 20, maxLength: 400 }),
  fc.integer({ min: 2, max: 400 }).map((n) => '—'.repeat(n)),
);

/** One piece of a hostile string. */
const piece = fc.oneof(
  { weight: 10, arbitrary: hanChunk },
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: longWord },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n', '\n\n\n', '  ', ' ', '\t') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 8 }) },
);

/** A string with hostile characters somewhere in it. */
export const hostileString = fc.array(piece, { minLength: 1, maxLength: 10 }).map((a) => a.join(''));

/** Ordinary text of up to `maxChunks` chunks. */
const niceText = (maxChunks) => fc.array(hanChunk, { minLength: 1, maxLength: maxChunks }).map((a) => a.join(''));

/** A printed field of a hostile issue: ordinary text most of the time, hostile often. */
const hostileField = (maxChunks) =>
  fc.oneof(
    { weight: 12, arbitrary: niceText(maxChunks) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u3000', '【】', '【协会', '协会】', '   中文  ') },
  );

const validPeriod = fc.tuple(fc.integer({ min: 1949, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const validDate = fc
  .tuple(fc.integer({ min: 1949, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const junkDate = fc.oneof(
  fc.constantFrom('2021-13', '2021-02-30', '0000-00', '2021/01', '21-1', '2021-1-1', '2201-01', '1900-01-01', '２０２１－０１', '2021-01-29T00:00:00Z'),
  hostileString,
);
const positive = fc.integer({ min: 1, max: 9999 });
const anyNumber = fc.oneof({ weight: 8, arbitrary: positive }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 53, 1e300) });

/**
 * An issue as data, valid in shape; optional fields sometimes present. `clean`: ordinary text, real
 * dates and numbers (most of these build); otherwise fields are often hostile or malformed.
 */
const makeIssue = (clean) => {
  const text = clean ? niceText : hostileField;
  const item = fc.oneof({ weight: 6, arbitrary: text(8) }, { weight: 1, arbitrary: text(4).map((t) => ({ text: t })) });
  const section = fc.record({ title: text(1), items: fc.array(item, { minLength: 1, maxLength: 6 }) });
  const recipients = fc.oneof(text(1), fc.array(text(1), { minLength: 1, maxLength: 4 }));
  const label = clean ? fc.constantFrom('报', '送', '发', '抄送') : fc.oneof({ weight: 6, arbitrary: fc.constantFrom('报', '送', '发', '抄送') }, { weight: 1, arbitrary: text(1) });
  const distribution = fc.array(fc.tuple(label, recipients), { minLength: 1, maxLength: 3 }).map((pairs) => Object.fromEntries(pairs));
  const date = (valid) => (clean ? valid : fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: junkDate }));
  const number = clean ? positive : anyNumber;
  return fc.record(
    {
      publication: text(1),
      period: date(validPeriod),
      number,
      total: number,
      editor: text(1),
      sections: fc.array(section, { minLength: 1, maxLength: 5 }),
      distribution,
      printed: date(validDate),
      copies: number,
      printer: text(1),
    },
    { requiredKeys: ['publication', 'period', 'editor', 'sections', 'distribution', 'printed'] },
  );
};

/** An issue as data: clean (ordinary text, real dates) half the time, hostile fields otherwise. */
export const issueData = fc.oneof(makeIssue(true), makeIssue(false));

/** A value of the wrong type for anywhere in the issue. */
const wrongValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 3.14, 1e309, '', [], {}, [[[]]], { a: { b: { c: 1 } } }, ['a', 1, null]),
  fc.integer(),
  hostileString,
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 3 }),
);

/** Data-level mutations: each picks a path by the numbers drawn and changes the object there. */
const dataMutation = fc.oneof(
  fc.tuple(fc.constant('rename'), fc.nat(), fc.oneof(fc.constantFrom('titel', 'Title', 'TITLE', '标题', 'item', 'text ', ' publication', 'printd', '', '<<', 'null', '1'), hostileString)),
  fc.tuple(fc.constant('delete'), fc.nat(), fc.constant('')),
  fc.tuple(fc.constant('type'), fc.nat(), wrongValue),
  fc.tuple(fc.constant('nest'), fc.nat(), fc.integer({ min: 1, max: 200 })),
  fc.tuple(fc.constant('unknown'), fc.nat(), hostileString),
  fc.tuple(fc.constant('many'), fc.nat(), fc.integer({ min: 10, max: 3000 })),
);

/** Every [container, key] pair of `data` (depth-first), for data mutations. */
function slots(data) {
  const out = [];
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push([v, i]), walk(x)));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) (out.push([v, k]), walk(v[k]));
  };
  walk(data);
  return out;
}

function applyDataMutation(data, [kind, n, arg], log) {
  const all = slots(data);
  if (all.length === 0) return;
  const [container, key] = all[n % all.length];
  if (kind === 'rename' && !Array.isArray(container)) {
    const v = container[key];
    delete container[key];
    container[arg] = v;
    log.push(`rename ${String(key)}→${JSON.stringify(arg).slice(0, 40)}`);
  } else if (kind === 'delete') {
    if (Array.isArray(container)) container.splice(key, 1);
    else delete container[key];
    log.push(`delete ${String(key)}`);
  } else if (kind === 'type') {
    // A copy: fast-check hands out the same constant objects again, and later mutations change them.
    container[key] = structuredClone(arg);
    log.push(`type ${String(key)}=${JSON.stringify(arg)?.slice(0, 40)}`);
  } else if (kind === 'nest') {
    let v = container[key];
    for (let i = 0; i < arg; i++) v = i % 2 ? [v] : { k: v };
    container[key] = v;
    log.push(`nest ${String(key)}×${arg}`);
  } else if (kind === 'unknown' && !Array.isArray(container) && typeof container[key] === 'object' && container[key] && !Array.isArray(container[key])) {
    container[key][arg] = '值';
    log.push(`unknown key in ${String(key)}`);
  } else if (kind === 'many') {
    const v = container[key];
    if (Array.isArray(v) && v.length > 0) {
      const copy = v.slice();
      while (v.length < arg) v.push(...copy);
      log.push(`many ${String(key)}×${v.length}`);
    }
  }
}

const STYLES = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];

/** Serialisation: the yaml package with per-scalar styles, or a naive writer (values pasted raw). */
const serializer = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('yaml'), styles: fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 16 }), lineWidth: fc.constantFrom(0, 20, 80, 200), indent: fc.constantFrom(2, 4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw'), quote: fc.constantFrom('', '"', "'"), indent: fc.constantFrom(2, 4, 1) }) },
);

function serialize(data, s) {
  if (s.kind === 'yaml') {
    try {
      const doc = new Document(data);
      let k = 0;
      visit(doc, {
        Pair(_, pair) {
          if (isScalar(pair.value) && typeof pair.value.value === 'string') pair.value.type = STYLES[s.styles[k++ % s.styles.length]];
        },
        Seq(_, seq) {
          for (const it of seq.items) if (isScalar(it) && typeof it.value === 'string') it.type = STYLES[s.styles[k++ % s.styles.length]];
        },
      });
      return doc.toString({ lineWidth: s.lineWidth, indent: s.indent, minContentWidth: 0 });
    } catch {
      return new Document(data).toString();
    }
  }
  const pad = (n) => ' '.repeat(n * s.indent);
  const scalar = (v) => (typeof v === 'string' ? `${s.quote}${v}${s.quote}` : JSON.stringify(v) ?? 'null');
  const lines = [];
  let size = 0;
  const push = (line) => {
    lines.push(line);
    size += line.length + 1;
  };
  const write = (v, depth) => {
    if (size > TEXT_BUDGET) return; // repeated data ("many" inside "many") stops here
    if (Array.isArray(v)) {
      for (const x of v) {
        if (x && typeof x === 'object') {
          push(`${pad(depth)}-`);
          write(x, depth + 1);
        } else push(`${pad(depth)}- ${scalar(x)}`);
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (x && typeof x === 'object') {
          push(`${pad(depth)}${k}:`);
          write(x, depth + 1);
        } else push(`${pad(depth)}${k}: ${scalar(x)}`);
      }
    } else push(`${pad(depth)}${scalar(v)}`);
  };
  write(data, 0);
  return lines.join('\n') + '\n';
}

/** Text-level mutations (on lines) and byte-level ones (on the encoded file). */
const commonMutation = fc.oneof(
  fc.tuple(fc.constant('truncate'), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(0)),
  fc.tuple(fc.constant('flip'), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 255 })),
  fc.tuple(fc.constant('insertByte'), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })),
  fc.tuple(fc.constant('deleteLine'), fc.nat(), fc.constant(0)),
  fc.tuple(fc.constant('dupLine'), fc.nat(), fc.integer({ min: 1, max: 50 })),
  fc.tuple(fc.constant('indent'), fc.nat(), fc.integer({ min: -4, max: 6 })),
  fc.tuple(fc.constant('value'), fc.nat(), fc.constantFrom('[1, 2]', '{a: 1}', '123', 'true', 'null', '~', '', '2021-01-01', '-1', '0', '1e9', '.nan', '"', "'", '|', '>', '[', '{', '&a x', '*a', '!!binary aGVsbG8=', '!!int 3', '? x', '- x', '"\\x07\\ud800\\U0010FFFF"', '"\\q"', "'it''s'", '|-\n  中文', '>+\n\n  文字\n\n')),
  fc.tuple(fc.constant('key'), fc.nat(), fc.constantFrom('titel', 'publication', 'sections', 'items', '', '"a b"', '? complex', '[a]', '{a: 1}', '中文', '<<', 'text', '&x key', '!tag key')),
  fc.tuple(fc.constant('nestFlow'), fc.nat(), fc.integer({ min: 1, max: 3000 })),
  fc.tuple(fc.constant('nestCompact'), fc.nat(), fc.integer({ min: 1, max: 3000 })),
  fc.tuple(fc.constant('nestIndent'), fc.nat(), fc.integer({ min: 1, max: 200 })),
  fc.tuple(fc.constant('yamlFeature'), fc.nat(), fc.constantFrom('%YAML 1.2\n---\n', '---\n', '\n---\nx: 1\n', '\n...\n', 'a: &a [x, y]\nb: *a\n', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n', '<<: {publication: x}\n', '%TAG ! tag:x,2000:\n---\n', '# comment\n', '\t\n', ' \n')),
  fc.tuple(fc.constant('bom'), fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(0)),
  fc.tuple(fc.constant('crlf'), fc.constant(0), fc.constantFrom(0, 1)),
  fc.tuple(fc.constant('tabs'), fc.constant(0), fc.constant(0)),
  fc.tuple(fc.constant('utf16'), fc.constant(0), fc.constantFrom(0, 1)),
  fc.tuple(fc.constant('repeat'), fc.nat(), fc.integer({ min: 2, max: 3000 })),
  fc.tuple(fc.constant('huge'), fc.nat(), fc.integer({ min: 1000, max: 30000 })),
);
/** Rarely: a file over the 8 MB limit (refused before decoding). */
const textMutation = fc.oneof({ weight: 40, arbitrary: commonMutation }, { weight: 1, arbitrary: fc.tuple(fc.constant('giant'), fc.constant(0), fc.integer({ min: 8 * 1024 * 1024 + 1, max: 9 * 1024 * 1024 })) });

function applyTextMutation(text, [kind, a, b], log) {
  const lines = text.split('\n');
  const li = lines.length ? a % lines.length : 0;
  // Copies of a line: as many as asked, within the budget.
  const copies = (n) => Math.max(0, Math.min(n, Math.floor((TEXT_BUDGET - text.length) / ((lines[li]?.length ?? 0) + 1))));
  switch (kind) {
    case 'deleteLine':
      lines.splice(li, 1);
      break;
    case 'dupLine':
      lines.splice(li, 0, ...Array(copies(b)).fill(lines[li] ?? ''));
      break;
    case 'indent':
      lines[li] = b >= 0 ? ' '.repeat(b) + (lines[li] ?? '') : (lines[li] ?? '').slice(-b);
      break;
    case 'value': {
      const m = /^(\s*(?:- )?[^:]*:)\s?(.*)$/.exec(lines[li] ?? '');
      lines[li] = m ? `${m[1]} ${b}` : `${lines[li] ?? ''} ${b}`;
      break;
    }
    case 'key': {
      const m = /^(\s*(?:- )?)([^:]*)(:.*)$/.exec(lines[li] ?? '');
      if (m) lines[li] = `${m[1]}${b}${m[3]}`;
      break;
    }
    case 'nestFlow':
      lines[li] = `${lines[li] ?? ''} ${'['.repeat(b)}${a % 2 ? ']'.repeat(b) : ''}`;
      break;
    case 'nestCompact':
      lines.splice(li, 0, `${'- '.repeat(b)}x`);
      break;
    case 'nestIndent':
      lines.splice(li, 0, ...Array.from({ length: b }, (_, i) => `${' '.repeat(i)}k${i}:`));
      break;
    case 'yamlFeature':
      lines.splice(li, 0, ...String(b).split('\n'));
      break;
    case 'crlf':
      log.push(`${kind}`);
      return lines.join(b ? '\r' : '\r\n');
    case 'tabs':
      log.push(kind);
      return lines.map((l) => l.replace(/^( {2})+/, (s) => '\t'.repeat(s.length / 2))).join('\n');
    case 'repeat':
      lines.splice(li, 0, ...Array(copies(b)).fill(lines[li] ?? ''));
      break;
    case 'huge':
      lines[li] = (lines[li] ?? '') + '文字'.repeat(Math.max(0, Math.min(b, (TEXT_BUDGET - text.length) >> 1)));
      break;
    default:
      return text; // byte mutations are applied after encoding
  }
  log.push(`${kind}@${li + 1}${typeof b === 'number' ? `×${b}` : ` ${JSON.stringify(b).slice(0, 30)}`}`);
  return lines.join('\n');
}

function applyByteMutation(bytes, [kind, a, b], log) {
  const at = Math.floor(a * bytes.length);
  switch (kind) {
    case 'truncate':
      log.push(`truncate@${at}/${bytes.length}`);
      return bytes.subarray(0, at);
    case 'flip': {
      if (bytes.length === 0) return bytes;
      const out = Uint8Array.from(bytes);
      out[Math.min(at, out.length - 1)] ^= b;
      log.push(`flip@${at}^${b}`);
      return out;
    }
    case 'insertByte': {
      const out = new Uint8Array(bytes.length + 1);
      out.set(bytes.subarray(0, at), 0);
      out[at] = b;
      out.set(bytes.subarray(at), at + 1);
      log.push(`insert@${at}=${b}`);
      return out;
    }
    case 'bom': {
      const out = new Uint8Array(bytes.length + 3);
      out.set(bytes.subarray(0, at), 0);
      out.set([0xef, 0xbb, 0xbf], at);
      out.set(bytes.subarray(at), at + 3);
      log.push(`bom@${at}`);
      return out;
    }
    case 'giant': {
      const out = new Uint8Array(b).fill(0x20);
      out.set(bytes.subarray(0, Math.min(bytes.length, b)), 0);
      log.push(`giant ${b} bytes`);
      return out;
    }
    case 'utf16': {
      const text = new TextDecoder().decode(bytes);
      const body = Buffer.from(text, b ? 'utf16le' : 'latin1');
      log.push(b ? 'utf16le' : 'latin1');
      return b ? Uint8Array.from([0xff, 0xfe, ...body]) : Uint8Array.from(body);
    }
    default:
      return bytes;
  }
}

/** The sample issue's text, mutated as a real file would be (a second source of realistic cases). */
let sampleText = '';
/** Sets the realistic base text used by some cases (the repository's issues/2021-01.yaml). */
export function setSample(text) {
  sampleText = text;
}

/**
 * A fuzz case: `bytes` is the issue file, `log` says how it was made (for the saved failure).
 * About half the cases have no mutation at all, so many build a PDF.
 */
export const fuzzCase = fc
  .record({
    base: fc.oneof({ weight: 6, arbitrary: fc.constant('data') }, { weight: 1, arbitrary: fc.constant('sample') }, { weight: 1, arbitrary: fc.constant('noise') }),
    data: issueData,
    dataMutations: fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(dataMutation, { minLength: 1, maxLength: 3 }) }),
    serializer,
    textMutations: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 4 }) }),
    noise: fc.uint8Array({ maxLength: 300 }),
  })
  .map((c) => {
    const log = [`base ${c.base}`, `serializer ${c.serializer.kind}`];
    let text;
    if (c.base === 'noise') {
      log.push('noise bytes');
      let bytes = c.noise;
      for (const m of c.textMutations) bytes = applyByteMutation(bytes, m, log);
      return { bytes, log };
    }
    if (c.base === 'sample' && sampleText) text = sampleText;
    else {
      const data = structuredClone(c.data);
      for (const m of c.dataMutations) applyDataMutation(data, m, log);
      text = serialize(data, c.serializer);
    }
    for (const m of c.textMutations) text = applyTextMutation(text, m, log);
    let bytes = new TextEncoder().encode(text);
    for (const m of c.textMutations) bytes = applyByteMutation(bytes, m, log);
    return { bytes, log };
  });

/** One case by seed and index, the same on every run and in every process. */
export function caseAt(seed, index) {
  return fc.sample(fuzzCase, { seed: (seed + index * 0x9e3779b1) | 0, numRuns: 1 })[0];
}
