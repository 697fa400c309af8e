/** Progress and the summary table of a batch, for a terminal or for plain logs. */
import type { CliIO } from '../cli/io.js';
import { visible } from '../cli/terminal.js';
import { displayWidth } from '../cli/terminal.js';

/** Reports a batch as it runs. */
export interface Progress {
  /** A line for stderr that must not be overwritten by the bar (diagnostics). */
  err(line: string): void;
  /**
   * A line for stdout. On a terminal it is left to the summary table and not printed, unless `keep`
   * (asked-for output such as --report), which then goes above the bar.
   */
  out(line: string, keep?: boolean): void;
  /** One more file done. */
  tick(label: string): void;
  /** Removes nothing, draws the final state. */
  finish(): void;
}

const ERASE_PREVIOUS_LINE = '\x1b[1A\x1b[2K';

/**
 * On a TTY (io.isTTY) a bar on stderr, redrawn in place, with diagnostics printed above it and
 * per-file result lines left to the table; otherwise plain lines, as in a log.
 */
export function createProgress(io: CliIO, total: number, verb = '生成'): Progress {
  let done = 0;
  let shown = false;
  const bar = (label: string): string => {
    const width = 24;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    // Short enough never to wrap: erasing the bar erases one terminal row.
    const shown = label.length > 40 ? `…${label.slice(-39)}` : label;
    return `${verb} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${shown}`;
  };
  let lastLabel = '';
  if (!io.isTTY) {
    return {
      err: (l) => io.err(l),
      out: (l) => io.out(l),
      tick: () => void done++,
      finish: () => undefined,
    };
  }
  // Our own escape sequences go out raw; the text in them (file names, messages) is made visible.
  const raw = (line: string): void => (io.errRaw ?? io.err)(line);
  const draw = (): void => {
    raw((shown ? ERASE_PREVIOUS_LINE : '') + visible(bar(lastLabel)));
    shown = true;
  };
  return {
    err(line) {
      // Overwrite the bar with the message, then draw the bar again below it.
      raw((shown ? ERASE_PREVIOUS_LINE : '') + visible(line));
      shown = false;
      draw();
    },
    out(line, keep) {
      if (keep) this.err(line);
    },
    tick(label) {
      done++;
      lastLabel = label;
      draw();
    },
    finish() {
      lastLabel = '完成';
      draw();
    },
  };
}

/** A table with columns padded to their display width (Han characters count two cells). */
export function formatTable(head: string[], rows: string[][], alignRight: boolean[] = []): string[] {
  const widths = head.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => {
        const pad = ' '.repeat(widths[c]! - displayWidth(cell));
        return alignRight[c] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

/** "227 KB". */
export function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}
