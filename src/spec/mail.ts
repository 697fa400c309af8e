/**
 * Measurements of the mailing documents of `bulletin mail`: envelopes (GB/T 1416-2003 《信封》),
 * address labels on A4 sheets and the distribution register. In the standard's units (mm, 号).
 *
 * Sources: [1416] = GB/T 1416-2003 《信封》. The standard itself could not be consulted here; its
 * figures below are those quoted alike by several printers' and post offices' summaries of it (the
 * size table, and the design rules for domestic envelopes: colour of the postcode boxes,
 * machine-reading zone, barcode zone, sender position, the 小四 宋体 of the printed words). None of
 * them gives clause numbers, so none is given here: [1416] marks a figure quoted from the standard. The size and position of the six postcode boxes are in a figure of the
 * standard that none of those summaries reproduces: they are marked [rec] (the values found on
 * common printed envelopes) and are defaults a caller may change. [rec] = our choice.
 */
import { ZIHAO } from './format.js';

/** 小四 (12 pt): the words printed on the envelope [1416: “小四号”]. */
export const XIAOSI_PT = 12;

/** One envelope size of GB/T 1416: width × height of the front, mm [1416, size table]. */
export interface EnvelopeSize {
  code: 'DL' | 'C5' | 'ZL';
  /** The old number the trade still uses (5号, 7号, 6号) [1416, size table]. */
  oldName: string;
  widthMm: number;
  heightMm: number;
}

/** Domestic sizes offered [1416, size table]: DL 220×110 (5号, default), ZL 230×120 (6号), C5 229×162 (7号). */
export const ENVELOPE_SIZES: Readonly<Record<EnvelopeSize['code'], EnvelopeSize>> = {
  DL: { code: 'DL', oldName: '5号', widthMm: 220, heightMm: 110 },
  ZL: { code: 'ZL', oldName: '6号', widthMm: 230, heightMm: 120 },
  C5: { code: 'C5', oldName: '7号', widthMm: 229, heightMm: 162 },
};

/** Where things go on the front of a domestic envelope; distances from the paper's edges, mm. */
export interface EnvelopeLayout {
  postcode: {
    /** Six boxes for the addressee's postcode, top left. */
    count: number;
    /** One box, width × height [rec: 8 × 10 mm, as on common printed envelopes]. */
    boxWidthMm: number;
    boxHeightMm: number;
    /** Gap between neighbouring boxes [rec: 2 mm]. */
    gapMm: number;
    /** First box's left edge from the left edge, top edges from the top edge [rec: 15 mm, 10 mm]. */
    leftMm: number;
    topMm: number;
    /** Box outline [rec: 0.4 mm]. */
    strokeMm: number;
    /** Gold red, PANTONE 1795 C [1416: “金红色，色标为 PANTONE1795C”], as sRGB [rec: #D22630]. */
    colour: string;
    /** Digits in the boxes [rec: 小二 18 pt 黑体, centred]. */
    digitSizePt: number;
  };
  /**
   * Machine-reading zone: 90 mm from the left edge × 26 mm from the top edge, where nothing but the
   * red boxes may be printed [1416].
   */
  readingZone: { widthMm: number; heightMm: number };
  /**
   * Barcode zone: 55–160 mm from the right edge, up to 20 mm from the bottom edge, kept blank
   * [1416]; the sender therefore stays ≥ 20 mm above the bottom edge [1416: 寄信单位…离底边
   * 20mm 以上靠右边].
   */
  barcodeZone: { fromRightMm: number; toRightMm: number; heightMm: number };
  /** Addressee block: its left edge and its top, from the paper's edges [rec]. */
  recipient: { leftMm: number; topMm: number; rightMm: number; addressSizePt: number; unitSizePt: number; minSizePt: number };
  /** Sender block, right-aligned [rec: 15 mm from the right edge], bottom baseline above the barcode zone. */
  sender: { rightMm: number; bottomMm: number; sizePt: number; maxWidthMm: number; minSizePt: number };
}

export const ENVELOPE_LAYOUT: EnvelopeLayout = {
  postcode: {
    count: 6,
    boxWidthMm: 8, // [rec]
    boxHeightMm: 10, // [rec]
    gapMm: 2, // [rec]
    leftMm: 15, // [rec]
    topMm: 10, // [rec]
    strokeMm: 0.4, // [rec]
    colour: '#D22630', // PANTONE 1795 C [1416]; sRGB value [rec]
    digitSizePt: ZIHAO.xiaoer, // [rec]
  },
  readingZone: { widthMm: 90, heightMm: 26 }, // [1416]
  barcodeZone: { fromRightMm: 55, toRightMm: 160, heightMm: 20 }, // [1416]
  recipient: {
    leftMm: 30, // [rec] under the boxes, clear of the reading zone's 26 mm
    topMm: 32, // [rec] first line's em-box top, 6 mm below the reading zone
    rightMm: 20, // [rec]
    addressSizePt: ZIHAO.sanhao, // 三号 仿宋 [rec]
    unitSizePt: ZIHAO.erhao, // 二号 仿宋 [rec]; shrunk to fit, not below minSizePt
    minSizePt: ZIHAO.sihao, // [rec]
  },
  sender: {
    rightMm: 15, // [rec]
    bottomMm: 23, // [rec] last baseline: descenders stay above the 20 mm barcode zone [1416]
    sizePt: XIAOSI_PT, // 小四 [1416, as for “邮政编码”]
    maxWidthMm: 100, // [rec]
    minSizePt: 9, // [rec]
  },
};

/** A sheet of self-adhesive address labels on A4 (rows × columns of equal labels). */
export interface LabelSheet {
  code: '3x8' | '2x7';
  columns: number;
  rows: number;
  /** One label, mm. */
  widthMm: number;
  heightMm: number;
  /** The first label's top-left corner from the sheet's top-left, mm. */
  leftMm: number;
  topMm: number;
  /** Distance from one label's left (top) edge to the next one's, mm. */
  pitchXMm: number;
  pitchYMm: number;
  /**
   * Text inset inside the label [rec]: 6 mm at the sides of a sheet printed edge to edge keeps the
   * text inside the 4–5 mm most office printers cannot reach.
   */
  paddingXMm: number;
  paddingYMm: number;
}

/**
 * The two common A4 layouts [rec]: 3 × 8 = 24 labels of 70 × 37 mm, edge to edge (the usual
 * "70×37 24 格" sheets, 0.5 mm top margin), and 2 × 7 = 14 labels of 99.1 × 38.1 mm
 * (the usual "99.1×38.1 14 格" sheets, 15.15 mm top and 4.65 mm side margins, 2.5 mm column gap).
 */
export const LABEL_SHEETS: Readonly<Record<LabelSheet['code'], LabelSheet>> = {
  '3x8': { code: '3x8', columns: 3, rows: 8, widthMm: 70, heightMm: 37, leftMm: 0, topMm: 0.5, pitchXMm: 70, pitchYMm: 37, paddingXMm: 6, paddingYMm: 3.5 },
  '2x7': { code: '2x7', columns: 2, rows: 7, widthMm: 99.1, heightMm: 38.1, leftMm: 4.65, topMm: 15.15, pitchXMm: 101.6, pitchYMm: 38.1, paddingXMm: 5, paddingYMm: 3.5 },
};

/** Label text sizes [rec]: postcode and address 小四, unit 四号 (shrunk to fit, not below 8 pt). */
export const LABEL_TEXT = { postcodeSizePt: XIAOSI_PT, addressSizePt: XIAOSI_PT, unitSizePt: ZIHAO.sihao, minSizePt: 8 } as const;

/**
 * The distribution register (分发登记表): A4 with the 版心 of GB/T 9704 (see format.ts), title in
 * 小标宋 二号, body and table in 仿宋 [GB 9704 §5.2.2 analogue]; the table's figures [rec].
 */
export const REGISTER = {
  titleSizePt: ZIHAO.erhao, // 二号 小标宋 [GB 9704 §7.3.1 analogue]
  subtitleSizePt: ZIHAO.sanhao, // 三号 仿宋
  cellSizePt: ZIHAO.sihao, // 四号 仿宋 in the table [rec]
  minCellSizePt: 9, // a long unit name is shrunk, not below this [rec]
  headerRowMm: 10, // [rec]
  rowMm: 12, // [rec] room for a signature
  ruleMm: 0.25, // [rec] as the thin 报尾 rule
  outerRuleMm: 0.35, // [rec] as the thick 报尾 rule
  /** Column widths over the 156 mm 版心: 序号, 类别, 收件单位, 份数, 签收人, 签收日期 [rec]. */
  columnsMm: [12, 14, 62, 14, 30, 24],
} as const;
