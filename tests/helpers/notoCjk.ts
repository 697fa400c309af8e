/**
 * Debian's fonts-noto-cjk: real CID-keyed CFF collections with subroutines, installed by
 * scripts/ensure-tools.mjs (npm test's pretest) and .ci/run. Tests skip only when it is missing.
 */
import { existsSync } from 'node:fs';

const DIR = '/usr/share/fonts/opentype/noto';
export const NOTO_CJK = ['NotoSansCJK-Regular.ttc', 'NotoSerifCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc', 'NotoSerifCJK-Bold.ttc'].map((f) => `${DIR}/${f}`);

export function notoMissing(): boolean {
  const missing = NOTO_CJK.filter((f) => !existsSync(f));
  if (missing.length === NOTO_CJK.length) {
    console.warn('skipped: Debian fonts-noto-cjk is not installed (apt-get install fonts-noto-cjk)');
    return true;
  }
  return false;
}
