// Prints the named entities the bundled sidecar finds in a file: `LABEL  text  line:col`.
// Usage: node --import tsx scripts/print-entities.ts [file] (default samples/sample.md).
// Talks to the bundle (python-dist/...), never to a Python venv: this is what users run.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bundledSidecarPath } from '../server/src/sidecar/locateSidecar';
import { AnalyzeDataSchema, ResponseSchema, StatusLineSchema, type Entity } from '../server/src/protocol/sidecar';

const ROOT = join(__dirname, '..');
const EXE = bundledSidecarPath(join(ROOT, 'dist'));
const START_TIMEOUT_MS = 60_000;

/** 1-based line:column of a UTF-16 offset (JavaScript strings count UTF-16 units too). */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

async function main(): Promise<number> {
  const file = process.argv[2] ?? join(ROOT, 'samples', 'sample.md');
  const text = readFileSync(file, 'utf8');
  // Warnings and errors of the sidecar still reach the terminal; its start-up chatter does not.
  const child = spawn(EXE, [], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, SAMSARA_LOG_LEVEL: 'WARNING' } });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const timer = setTimeout(() => {
    console.error(`the sidecar did not answer within ${START_TIMEOUT_MS} ms`);
    child.kill();
  }, START_TIMEOUT_MS);
  try {
    for (;;) {
      const next = await lines.next();
      if (next.done) throw new Error(`the sidecar exited before loading its model (${EXE})`);
      const status = StatusLineSchema.parse(JSON.parse(next.value));
      if (status.status === 'error') throw new Error(`${status.error.code}: ${status.error.message}`);
      if (status.status === 'model_loaded') {
        console.log(`${status.model} ${status.model_version} (pid ${status.pid}) on ${file}:`);
        break;
      }
    }
    child.stdin.write(JSON.stringify({ id: 'print', action: 'analyze', text }) + '\n');
    const answer = await lines.next();
    if (answer.done) throw new Error('the sidecar exited without answering');
    const response = ResponseSchema.parse(JSON.parse(answer.value));
    if (!response.success) throw new Error(`${response.error.code}: ${response.error.message}`);
    const entities: Entity[] = AnalyzeDataSchema.parse(response.data).results[0]?.entities ?? [];
    for (const entity of entities) {
      console.log(`${entity.label.padEnd(12)} ${JSON.stringify(entity.text).padEnd(26)} ${lineCol(text, entity.start)}`);
    }
    console.log(`${entities.length} entities`);
    return 0;
  } finally {
    clearTimeout(timer);
    child.stdin.end(); // the sidecar exits when its stdin closes
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`print-entities: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
