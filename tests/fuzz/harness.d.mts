/** Types for harness.mjs (shared by the vitest fuzz test and scripts/fuzz.mjs). */

/** The pipeline functions a fuzz run needs, from src/ or from dist/. */
export interface FuzzApi {
  loadIssue(file: string, bytes: Uint8Array): { issue?: unknown; diagnostics: FuzzDiagnostic[] };
  preflight(fonts: never, uses: never): FuzzDiagnostic[];
  textUses(issue: never): unknown;
  layout(issue: never, fonts: never, options: never): { laidOut?: unknown; diagnostics: FuzzDiagnostic[] };
  DEFAULT_LAYOUT: unknown;
  compile(file: string, bytes: Uint8Array, world: never): Promise<{ pdf?: Uint8Array; issue?: unknown; diagnostics: FuzzDiagnostic[] }>;
}

export interface FuzzDiagnostic {
  severity: string;
  code: string;
  span: { file: string; line: number; column: number; offset: number };
  field: string;
  message: string;
  hint?: string;
}

export interface CaseResult {
  outcome: 'pdf' | 'layout' | 'error';
  codes: string[];
  ms: number;
  problems: string[];
  pdfBytes?: number;
  /** Printed texts found, whole and in order, in the PDF's extracted text (pdftotext). */
  textsChecked?: number;
}

export declare const LIMITS: { layoutMs: number; renderMs: number };
export declare function lineBounds(bytes: Uint8Array): { lines: number; longest: number };
export declare function checkDiagnostics(file: string, bytes: Uint8Array, diagnostics: readonly FuzzDiagnostic[]): string[];
export declare function checkPdf(pdf: Uint8Array | undefined): string[];
export declare function printedTexts(issue: unknown): string[];
export declare function comparable(s: string): string;
export declare function checkPdfText(pdf: Uint8Array, issue: unknown, diagnostics?: readonly FuzzDiagnostic[]): Promise<{ problems: string[]; checked: number }>;
export declare function runCase(api: FuzzApi, world: { fonts: unknown; srgb: Uint8Array }, file: string, bytes: Uint8Array, shouldRender?: () => boolean): Promise<CaseResult>;
