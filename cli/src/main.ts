// `samsara`: one command line, subcommands plugged in from ./commands (probe, doctor, entities, bible; more can be
// added to COMMANDS without touching the rest). The same engine as the editor runs underneath:
// the probe entry point, the transcript store and the doctor's report builder, through server/src/engine.ts.
import { SAMSARA_VERSION } from '../../shared/version';
import { EXIT, UsageError, type CliContext, type Command } from './cliContext';
import { bibleCommand } from './commands/bible';
import { campaignCommand } from './commands/campaign';
import { doctorCommand } from './commands/doctor';
import { entitiesCommand } from './commands/entities';
import { probeCommand } from './commands/probe';
import { workerCommand } from './commands/worker';
import { versionLine } from './versionLine';

export const COMMANDS: readonly Command[] = [probeCommand, doctorCommand, entitiesCommand, bibleCommand, campaignCommand, workerCommand];

function help(): string {
  return [
    `samsara ${SAMSARA_VERSION}`,
    '',
    'Usage: samsara <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`),
    '',
    'Run `samsara <command> --help` for its options.',
    'Exit codes: 0 success, 1 blocking problem found (doctor), a file that could not be read (entities) or an unmet expectation (campaign), 2 usage error,',
    '3 provider error (retryable), 4 provider error (permanent), 130 interrupted.',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], context: Omit<CliContext, 'args'>): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(versionLine(context.bundleDir));
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    context.stderr.write(`samsara: unknown command "${name}"\n\n${help()}`);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    context.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run({ ...context, args });
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`samsara ${command.name}: ${error.message}\n\n${command.usage}\n`);
      return EXIT.usage;
    }
    context.stderr.write(`samsara ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

/** The process entry: bin/samsara calls it, and so does `node dist/cli.js`. */
export function main(): void {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  void runCli(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    signal: abort.signal,
    bundleDir: __dirname,
  }).then((code) => {
    // Exit once output is flushed: kept-alive provider connections must not hold the process.
    process.stdout.write('', () => process.exit(code));
  });
}

if (require.main === module) main();
