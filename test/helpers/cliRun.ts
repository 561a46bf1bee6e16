// Runs the real `samsara` bundle (bin/samsara → dist/cli.js) in a child process with a clean
// environment (PATH and HOME, plus what the test gives): no key leaks in from the runner.
import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, before } from 'node:test';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProviders/fakeProvider';
import { ensureCliBuilt, repoRoot } from './paths';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  cwd?: string;
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
}

export function startSamsara(args: string[], options: CliOptions = {}): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'samsara'), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...options.env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    options.onStdout?.(stdout);
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    options.onStderr?.(stderr);
  });
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

export const runSamsara = (args: string[], options?: CliOptions): Promise<CliRun> => startSamsara(args, options).done;

/** A row `samsara entities` prints (JSON lines): the entity's file, text and UTF-16 offsets. */
export interface EntityRow {
  file: string;
  text: string;
  start: number;
  end: number;
}

/** `samsara entities --workers 1 .` in `cwd`, and the rows it printed (the run, for its code and stderr). */
export async function entitiesIn(cwd: string): Promise<{ run: CliRun; rows: EntityRow[] }> {
  const run = await runSamsara(['entities', '--workers', '1', '.'], { cwd });
  const lines = run.code === 0 ? run.stdout.trim().split('\n') : [];
  return { run, rows: lines.filter((line) => line !== '').map((line) => JSON.parse(line) as EntityRow) };
}

/**
 * For a describe block of CLI tests against fake providers: builds the CLI once, and closes every
 * fake the returned function started after each test.
 */
export function cliWithFakes(): (...args: Parameters<typeof startFakeProvider>) => Promise<FakeProvider> {
  const fakes: FakeProvider[] = [];
  before(() => ensureCliBuilt());
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });
  return async (...args) => {
    const f = await startFakeProvider(...args);
    fakes.push(f);
    return f;
  };
}
