/** Atomic output: a failed build never leaves a partial file nor replaces a good one. */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Writes `data` to a temporary file in the target's own folder (same file system, so the rename is
 * atomic), flushes it to disk, then renames it over `target`. The folder is created when missing.
 */
export async function writeAtomic(target: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
