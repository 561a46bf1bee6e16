// What a command of the `samsara` command line gets from its process, as a value: so the commands
// run in tests without spawning, and the real entry point (main.ts) is the only one touching
// process.*.
import { parseArgs, type ParseArgsConfig } from 'node:util';
export interface Output {
  write(text: string): unknown;
}

export interface CliContext {
  /** Arguments after the subcommand name. */
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: Output;
  stderr: Output;
  /** Aborted on Ctrl-C: a running probe stops and keeps what it had. */
  signal: AbortSignal;
  /** Directory of the running bundle (dist/): the sidecar bundle sits in ../python-dist. */
  bundleDir: string;
}

/** Exit codes, as documented in the README (and `samsara --help`). */
export const EXIT = {
  ok: 0,
  /** The doctor found a blocking problem (the sidecar cannot start), or an unexpected failure. */
  failed: 1,
  usage: 2,
  /** `samsara campaign`: some expectation was not met (every probe ran). */
  expectationsUnmet: 1,
  providerRetryable: 3,
  providerPermanent: 4,
  interrupted: 130,
} as const;

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(context: CliContext): Promise<number>;
}

/** A usage error: the message is printed with the command's usage, and the exit code is 2. */
export class UsageError extends Error {}

/** node:util's parseArgs for a command's arguments: an unknown or malformed option is a usage error (exit 2). */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
