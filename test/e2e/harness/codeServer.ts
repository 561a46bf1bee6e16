// Runs code-server (the real VS Code workbench and Node extension host) on 127.0.0.1 with fresh
// user-data and extensions folders, with a VSIX installed the way a user installs one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, waitFor } from '../../helpers/waitFor';

export const CODE_SERVER_VERSION = '4.100.3';

export function codeServerBinary(): string {
  if (process.env.CODE_SERVER) return process.env.CODE_SERVER;
  const cache = process.env.SAMSARA_CACHE ?? join(homedir(), '.cache', 'samsara');
  return join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
}

/**
 * User settings of every test instance: no Welcome page taking focus, and nothing that reaches
 * for the network (the tests talk to 127.0.0.1 only).
 */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  // Samsara's own walkthrough opens once after install unless this is off (test/e2e/firstRun.test.ts turns it on).
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'npm.fetchOnlinePackageInfo': false,
  'chat.disableAIFeatures': true,
  // The harness edits settings.json by typing into it (replaceUserSettings): nothing may add to
  // what it types (Chromium's insertText goes through the editor's typing path).
  '[jsonc]': {
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoIndent': 'none',
    'editor.autoSurround': 'never',
    'editor.formatOnType': false,
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.suggestOnTriggerCharacters': false,
  },
};

/** Settings of machine scope among the above (see startCodeServer). */
const MACHINE_SETTINGS = ['workbench.welcomePage.walkthroughs.openOnInstall'];

export interface CodeServerOptions {
  /** The VSIX to install (`--install-extension`); none for a bare workbench. */
  vsix?: string;
  /** User settings.json content; `workbench.startupEditor: none` is always added. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
}

export interface CodeServer {
  port: number;
  /** Root of this instance's folders; its extensions dir scopes `pgrep` for its sidecar. */
  root: string;
  extensionsDir: string;
  userDataDir: string;
  /** Workbench URL opening `folder`. */
  urlFor(folder: string): string;
  /** code-server's own output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

// An extension gallery on a closed local port: code-server's default (open-vsx.org) would be
// queried at start-up.
const NO_GALLERY = {
  EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const bin = codeServerBinary();
  const root = mkdtempSync(join(tmpdir(), 'samsara-e2e-'));
  const extensionsDir = join(root, 'extensions');
  const userDataDir = join(root, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = { ...QUIET_SETTINGS, ...options.userSettings };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // Machine-scoped settings of a remote window (code-server's is one) are read from the
  // machine's settings file only: in the user's they are ignored.
  mkdirSync(join(userDataDir, 'Machine'), { recursive: true });
  const machine = Object.fromEntries(MACHINE_SETTINGS.filter((key) => key in settings).map((key) => [key, settings[key]]));
  writeFileSync(join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(machine, null, 2));

  if (options.vsix !== undefined) installVsix(bin, options.vsix, extensionsDir, userDataDir);
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(
    bin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      // Its own config file, so nothing is written to ~/.config/code-server.
      '--config',
      join(root, 'config.yaml'),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
    ],
    // Its own process group, so stop() ends the extension host and the sidecar with it.
    { env: { ...process.env, ...NO_GALLERY, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) {
      // code-server starts its extension host in a process group of its own: collect the whole
      // tree first, or the extension host (and the language server under it) would outlive us.
      const tree = [child.pid, ...descendants(child.pid)];
      const exited = new Promise((resolve) => child.once('exit', resolve));
      signalAll(tree, 'SIGTERM');
      const timer = setTimeout(() => signalAll(tree, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await waitFor(() => tree.every((pid) => !isAlive(pid)), { timeoutMs: 10_000, message: 'code-server processes to exit' }).catch(() =>
        signalAll(tree, 'SIGKILL'),
      );
      // An extension host started after the tree was read (a window reload, a restart) is not in
      // it, and once code-server is gone it has no parent to be found by. It still belongs to
      // code-server's session (spawned detached: a session of its own): end whatever is left there.
      signalAll(sessionMembers(child.pid), 'SIGKILL');
    }
    if (!process.env.SAMSARA_E2E_KEEP) rmSync(root, { recursive: true, force: true });
  };

  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}: ${log}`);
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        return response.ok;
      },
      { timeoutMs: 60_000, message: `code-server on port ${port}` },
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    port,
    root,
    extensionsDir,
    userDataDir,
    urlFor: (folder) => `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
    output: () => log,
    stop,
  };
}

function installVsix(bin: string, vsix: string, extensionsDir: string, userDataDir: string): void {
  const install = spawnSync(bin, ['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (install.status !== 0) {
    throw new Error(`code-server --install-extension ${vsix} failed (${install.status}): ${install.stdout}${install.stderr}`);
  }
}

/** Every process of the session `sid` (detached children lead a session of their own). */
export function sessionMembers(sid: number): number[] {
  const out = spawnSync('ps', ['-e', '-o', 'pid=,sid='], { encoding: 'utf8' }).stdout ?? '';
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([pid, session]) => pid && session === sid && pid !== process.pid)
    .map(([pid]) => pid);
}

/** Every process below `pid`, from `ps` (children first found, then theirs). */
export function descendants(pid: number): number[] {
  const out = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).stdout ?? '';
  const children = new Map<number, number[]>();
  for (const line of out.split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child || !parent) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
