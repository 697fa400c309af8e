/** Size limits on issue files, in a module of their own so that the PDF reader can use them without loading yaml. */

/**
 * Larger files are refused before parsing. An issue is a few dozen KB; a 5 MB issue of long items
 * (a year's worth pasted into one file) still builds — yaml needs ~0.1 s/MB, the whole build about
 * 3 s/MB — so the limit leaves room above that. `extract` refuses embedded sources over it too.
 */
export const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
