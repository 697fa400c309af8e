import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diag.js';
import { loadAddressBook } from '../../src/mail/book.js';
import { closeNames, copiesNeeded, mailWarnings, recipientsOf } from '../../src/mail/recipients.js';
import { loadIssue } from '../../src/source/load.js';

const load = (text: string) => loadAddressBook('book.yaml', Buffer.from(text, 'utf8'));
/** A diagnostic as printed, without the code it ends with (the codes are asserted where they matter). */
const said = (d: Parameters<typeof formatDiagnostic>[0]): string => formatDiagnostic(d).replace(/ \[[EW]_[A-Z0-9_]+\]$/, '');
const lines = (text: string) => load(text).diagnostics.map(said);

const GOOD = `sender:
  name: 上海市安全生产协会办公室
  address: 上海市黄浦区某路1号
  postcode: "200001"
units:
  市应急管理局领导: {address: 上海市某区某路2号, postcode: "200002", attention: 办公室, copies: 2}
  市应急管理局机关各处室:
    address: 上海市某区某路2号
    postcode: "200002"
    phone: 021-12345678
`;

describe('address book', () => {
  it('reads the fields the issue names, copies defaulting to 1, units in the book order', () => {
    const r = load(GOOD);
    expect(r.diagnostics).toEqual([]);
    const book = r.book!;
    expect(book.sender.postcode.value).toBe('200001');
    expect([...book.units.keys()]).toEqual(['市应急管理局领导', '市应急管理局机关各处室']);
    const a = book.units.get('市应急管理局领导')!;
    expect([a.address.value, a.postcode.value, a.attention?.value, a.copies]).toEqual(['上海市某区某路2号', '200002', '办公室', 2]);
    const b = book.units.get('市应急管理局机关各处室')!;
    expect([b.copies, b.phone?.value, b.attention]).toEqual([1, '021-12345678', undefined]);
    // Spans point into the book.
    expect([b.postcode.span.line, b.postcode.span.column]).toEqual([9, 15]);
  });

  it('the sample address book is valid and covers every recipient of the sample issue', () => {
    const r = loadAddressBook('issues/address-book.yaml', readFileSync('issues/address-book.yaml'));
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
    const issue = loadIssue('issues/2021-01.yaml', readFileSync('issues/2021-01.yaml')).issue!;
    expect(recipientsOf(issue, r.book).every((x) => x.unit)).toBe(true);
    expect(mailWarnings(issue, r.book!)).toEqual([]);
  });

  it('an unquoted postcode, a 5-digit one, a misspelt field and copies 0: file:line:col Chinese messages, all in one run', () => {
    const text = `sender:
  name: 办公室
  address: 某路1号
  postcode: 200001
units:
  甲单位:
    adress: 某路2号
    postcode: "20002"
  乙单位: {address: 某路3号, postcode: "200003", copies: 0}
`;
    expect(load(text).book).toBeUndefined();
    expect(lines(text)).toEqual([
      'book.yaml:4:13 寄件单位的邮政编码（postcode）：应为文字，实际为数字 200001（如确要写成这样，请加引号）',
      // The missing address is said once, at the misspelt name that meant it.
      'book.yaml:7:5 单位“甲单位”的“adress”：不认识这个字段，是否应为“address”（地址）？',
      'book.yaml:8:15 单位“甲单位”的邮政编码（postcode）：应为 6 位数字的邮政编码（加引号，如 "200002"），实际为“20002”',
      'book.yaml:9:52 单位“乙单位”的份数（copies）：应为正整数（至少为 1），实际为数字 0',
    ]);
  });

  it('YAML mistakes get the issue file messages: a duplicate unit, a tab', () => {
    const dup = `sender: {name: 办公室, address: 某路1号, postcode: "200001"}
units:
  甲单位: {address: 某路2号, postcode: "200002"}
  甲单位: {address: 某路3号, postcode: "200003"}
`;
    const d = load(dup).diagnostics;
    expect(d.map((x) => [x.code, x.span.line, x.span.column])).toEqual([['E_YAML_DUPLICATE_KEY', 4, 3]]);
    const tab = `sender: {name: 办公室, address: 某路1号, postcode: "200001"}\nunits:\n\t甲单位: {address: 某路2号, postcode: "200002"}\n`;
    expect(load(tab).diagnostics[0]).toMatchObject({ code: 'E_YAML_TAB', span: { line: 3, column: 1 } });
  });

  it('a missing section and an empty file say what to write', () => {
    expect(lines('sender: {name: 办公室, address: 某路1号, postcode: "200001"}\n')).toEqual([
      'book.yaml:1:1 通讯录：缺少必填字段“units”（收件单位）（加一行“units:”，其下每个单位一行，如“  市应急管理局领导: {address: 上海市某区某路2号, postcode: "200002"}”）',
    ]);
    expect(load('- 甲单位\n').diagnostics[0]!.hint).toBe('参照示例通讯录，从“sender:”写起');
  });

  it('a control character in an address is an error at its position', () => {
    const r = load(`sender: {name: 办公室, address: "某路\\u00071号", postcode: "200001"}\nunits:\n  甲: {address: 某路2号, postcode: "200002"}\n`);
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.field])).toEqual([['E_CONTROL_CHAR', 1, 'sender.address']]);
  });
});

describe('recipients and the check warnings', () => {
  const issueText = (distribution: string, copies?: number) =>
    `publication: 刊\nperiod: 2021-01\neditor: 编\nsections:\n  - title: 栏\n    items:\n      - 条\ndistribution:\n${distribution}printed: 2021-01-29\n${copies ? `copies: ${copies}\n` : ''}`;

  it('keeps the 报/送/发 order, one entry per unit, and names the close names of a unit the book lacks', () => {
    const book = load(GOOD).book!;
    const issue = loadIssue('i.yaml', Buffer.from(issueText('  报: 市应急管理局领导\n  送: [市应急管理局机关处室, 市应急管理局领导]\n  发: 各区应急管理局\n', 10))).issue!;
    const rs = recipientsOf(issue, book);
    expect(rs.map((r) => [r.label, r.name.value, Boolean(r.unit), r.copies])).toEqual([
      ['报', '市应急管理局领导', true, 2],
      ['送', '市应急管理局机关处室', false, 1],
      ['发', '各区应急管理局', false, 1],
    ]);
    expect(copiesNeeded(rs)).toBe(4);
    const w = mailWarnings(issue, book).map(said);
    expect(w).toEqual([
      'i.yaml:10:7 警告 报尾“送”的名单：通讯录“book.yaml”中没有“市应急管理局机关处室”：不能为它生成信封和标签；通讯录中相近的单位：“市应急管理局机关各处室”（两处的单位名称必须一字不差：改正其中一处）',
      'i.yaml:10:19 警告 报尾“送”的名单：“市应急管理局领导”在分送中已写过（第 9 行“报”）：只为它生成一个信封、一枚标签和登记表中的一行（删去重复的一处）',
      'i.yaml:11:6 警告 报尾“发”的名单：通讯录“book.yaml”中没有“各区应急管理局”：不能为它生成信封和标签（在通讯录的 units 下加上“各区应急管理局”的地址和邮政编码）',
    ]);
  });

  it('warns when 印数 is below the copies the list needs', () => {
    const book = load(GOOD).book!;
    const issue = loadIssue('i.yaml', Buffer.from(issueText('  报: 市应急管理局领导\n  送: 市应急管理局机关各处室\n', 2))).issue!;
    expect(mailWarnings(issue, book).map(said)).toEqual([
      'i.yaml:12:9 警告 印数（copies）：2 份少于分送所需的 3 份（2 个单位，按通讯录“book.yaml”的份数合计）（把印数改为至少 3，或核对通讯录中各单位的 copies）',
    ]);
    const enough = loadIssue('i.yaml', Buffer.from(issueText('  报: 市应急管理局领导\n  送: 市应急管理局机关各处室\n', 3))).issue!;
    expect(mailWarnings(enough, book)).toEqual([]);
  });

  it('close names: width and spacing differences, containment, small edits; not unrelated units', () => {
    const names = ['市应急管理局领导', '市应急管理局机关各处室', '浦东新区应急管理局', '市消防救援总队'];
    expect(closeNames('市应急管理局 领导', names)).toEqual(['市应急管理局领导']);
    expect(closeNames('浦东新区应急局', names)).toEqual(['浦东新区应急管理局']);
    expect(closeNames('市教育委员会', names)).toEqual([]);
  });
});
