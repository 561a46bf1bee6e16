// `npm run entities [-- PATH... and samsara entities options]`: the named entities the bundled
// sidecar finds, through the `samsara entities` command line (default: samples/sample.md, one
// JSON line per mention). Talks to the bundle (python-dist/...), never to a Python venv: this is
// what users run. Run in-process from the sources (tsx), so no dist/cli.js build is needed.
import { join } from 'node:path';
import { runCli } from '../cli/src/main';

const ROOT = join(__dirname, '..');

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const paths = args.filter((arg) => !arg.startsWith('-'));
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  return runCli(['entities', ...args, ...(paths.length === 0 ? [join(ROOT, 'samples', 'sample.md')] : [])], {
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    signal: abort.signal,
    // The sidecar bundle is found beside dist/, as for the built command line.
    bundleDir: join(ROOT, 'dist'),
  });
}

main().then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    console.error(`print-entities: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
