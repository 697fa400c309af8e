/** The tool's version, written into every PDF (producer) and used by `verify`. Keep in step with package.json. */
export const VERSION = '0.1.0';
