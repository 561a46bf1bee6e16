// One end-to-end session: a temporary workspace (copies of samples/ plus extra files), code-server
// with the packaged VSIX installed, and a Chromium page on the workbench. Tests wrap their steps
// in `session.step` so a failure leaves a screenshot under test-results/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWorkbench } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

/** The VSIX under test: $SAMSARA_VSIX, else the one `npm run package` built for this machine. */
export function vsixPath(): string {
  const fromEnv = process.env.SAMSARA_VSIX;
  const arch = process.arch === 'x64' ? 'x64' : process.arch;
  const candidate = fromEnv ? resolve(fromEnv) : join(REPO_ROOT, 'dist', `samsara-${process.platform}-${arch}.vsix`);
  if (!existsSync(candidate)) {
    throw new Error(`VSIX not found at ${candidate}: run \`npm run package\` first (scripts/test-e2e.sh does)`);
  }
  return candidate;
}

export interface SessionOptions {
  /** Files to create in the workspace besides the samples, by relative path (given its path). */
  files?: (workspace: string) => Record<string, string>;
  userSettings?: Record<string, unknown>;
  /** false: Workspace Trust is on and the folder is not trusted (restricted mode). */
  trusted?: boolean;
  /** Extra environment for code-server and its extension host (e.g. a private HOME and PATH). */
  env?: NodeJS.ProcessEnv;
}

export interface Session {
  server: CodeServer;
  browser: Browser;
  page: Page;
  workspace: string;
  /** When the workbench showed (ms since the epoch): the editor had started. */
  startedAt: number;
  /** Runs `body`; on failure saves test-results/<name>.png and the code-server log, then rethrows. */
  step<T>(name: string, body: () => Promise<T>): Promise<T>;
  /** Pids of the sidecars this session's extension started (scoped by its extensions dir). */
  sidecarPids(): number[];
  stop(): Promise<void>;
}

export async function startSession(options: SessionOptions = {}): Promise<Session> {
  const workspace = mkdtempSync(join(tmpdir(), 'samsara-ws-'));
  cpSync(join(REPO_ROOT, 'samples'), workspace, { recursive: true });
  for (const [relative, content] of Object.entries(options.files?.(workspace) ?? {})) {
    const path = join(workspace, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content, { mode: 0o755 });
  }
  const trusted = options.trusted ?? true;
  const trustSettings = trusted
    ? { 'security.workspace.trust.enabled': false }
    : {
        'security.workspace.trust.enabled': true,
        // No start-up dialog: the untrusted folder opens in restricted mode, as after "Don't Trust".
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.emptyWindow': false,
      };
  const server = await startCodeServer({
    vsix: vsixPath(),
    userSettings: { ...trustSettings, ...options.userSettings },
    ...(options.env ? { env: options.env } : {}),
  });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server.urlFor(workspace));
    const session: Session = {
      server,
      browser,
      page,
      workspace,
      startedAt: Date.now(),
      async step(name, body) {
        try {
          return await body();
        } catch (error) {
          mkdirSync(RESULTS_DIR, { recursive: true });
          const file = join(RESULTS_DIR, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
          await page.screenshot({ path: file }).catch(() => undefined);
          writeFileSync(file.replace(/\.png$/, '.code-server.log'), server.output());
          console.error(`e2e step "${name}" failed; screenshot: ${file}`);
          throw error;
        }
      },
      sidecarPids: () => pgrep(server.extensionsDir),
      async stop() {
        await browser?.close().catch(() => undefined);
        await server.stop();
        rmSync(workspace, { recursive: true, force: true });
      },
    };
    return session;
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

/** Processes whose command line holds `samsara-sidecar` under `scope` (this test's install). */
export function pgrep(scope: string): number[] {
  try {
    const out = execFileSync('pgrep', ['-f', `${scope}.*samsara-sidecar`], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
