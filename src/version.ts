import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The tool's version, written into every PDF (producer) and used by `verify`: package.json's, read
 * once. Found by walking up from this module (dist/version.js, or the bundle in dist/bundle/).
 */
function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'bulletin' && typeof pkg.version === 'string') return pkg.version;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('找不到本工具的 package.json');
    dir = up;
  }
}

export const VERSION: string = packageVersion();
