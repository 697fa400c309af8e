/** Types for generators.mjs (plain JavaScript shared by the vitest fuzz test and scripts/fuzz.mjs). */
import type { Arbitrary } from 'fast-check';

/** One generated issue file and how it was made. */
export interface FuzzCase {
  bytes: Uint8Array;
  log: string[];
}

export declare const HOSTILE: readonly string[];
export declare const hostileString: Arbitrary<string>;
export declare const issueData: Arbitrary<Record<string, unknown>>;
export declare const fuzzCase: Arbitrary<FuzzCase>;
export declare function setSample(text: string): void;
export declare function caseAt(seed: number, index: number): FuzzCase;
