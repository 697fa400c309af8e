/** Where the CLI writes; tests pass their own sinks. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal (progress bars); false in tests and pipes. */
  isTTY: boolean;
}

export const processIO: CliIO = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
  isTTY: Boolean(process.stderr.isTTY),
};
