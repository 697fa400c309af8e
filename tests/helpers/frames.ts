/**
 * An issue's frames are laid out as they are read, once (issue 18): tests that look at pages by
 * index read them all first.
 */
import type { Frame, LaidOut } from '../../src/paginate/types.js';

/** The laid-out document with every frame read into an array (structure, events and stats then complete). */
export function collected(laid: LaidOut): LaidOut & { frames: Frame[] } {
  return { ...laid, frames: [...laid.frames] };
}
