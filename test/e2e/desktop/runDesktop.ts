// Desktop VS Code run of the e2e scenarios (scenarios.ts), for machines where @vscode/test-electron
// can download VS Code (the release workflow; not this sandbox). Installs the packaged VSIX with
// the VS Code CLI, then runs the suite twice: in a trusted workspace, and in restricted mode.
// Usage: node --import tsx test/e2e/desktop/runDesktop.ts [path/to.vsix]
// Env: SAMSARA_VSCODE_VERSION (default stable), SAMSARA_VSIX.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..', '..');
const HOST_EXTENSION = join(__dirname, 'hostExtension');

function vsixArg(): string {
  const given = process.argv[2] ?? process.env.SAMSARA_VSIX;
  return given ? resolve(given) : join(ROOT, 'dist', `samsara-${process.platform}-${process.arch}.vsix`);
}

async function bundleSuite(): Promise<string> {
  const outfile = join(ROOT, '.cache', 'desktop-e2e', 'suite.js');
  await build({
    entryPoints: [join(__dirname, 'suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}

interface Profile {
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  marker: string;
}

function makeProfile(vsCodeCli: string[], vsix: string, restricted: boolean): Profile {
  const root = mkdtempSync(join(tmpdir(), 'samsara-desktop-'));
  const workspace = join(root, 'workspace');
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  const marker = join(root, 'workspace-sidecar-ran');
  cpSync(join(ROOT, 'samples'), workspace, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  const settings: Record<string, unknown> = { 'workbench.startupEditor': 'none', 'extensions.autoUpdate': false };
  if (restricted) {
    Object.assign(settings, { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' });
    const windows = process.platform === 'win32';
    const script = join(workspace, windows ? 'evil-sidecar.cmd' : 'evil-sidecar.sh');
    writeFileSync(script, windows ? `@echo ran > "${marker}"\r\n@exit /b 1\r\n` : `#!/bin/sh\necho ran > '${marker}'\nexit 1\n`, {
      mode: 0o755,
    });
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'samsara.sidecar.path': script }));
  }
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const [cli, ...cliArgs] = vsCodeCli;
  const install = spawnSync(
    cli,
    [...cliArgs, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir],
    {
      encoding: 'utf8',
      shell: process.platform === 'win32',
    },
  );
  if (install.status !== 0) throw new Error(`installing ${vsix} failed: ${install.stdout}${install.stderr}`);
  return { workspace, userDataDir, extensionsDir, marker };
}

/**
 * runTests always adds --disable-workspace-trust, which makes restricted mode impossible; the
 * restricted run launches VS Code with the same arguments minus that one.
 */
function runRestricted(executable: string, suite: string, profile: Profile): Promise<number> {
  const args = [
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    `--extensionTestsPath=${suite}`,
    `--extensionDevelopmentPath=${HOST_EXTENSION}`,
    '--extensions-dir',
    profile.extensionsDir,
    '--user-data-dir',
    profile.userDataDir,
    profile.workspace,
  ];
  const child = spawn(executable, args, {
    env: { ...process.env, SAMSARA_DESKTOP_MODE: 'restricted', SAMSARA_DESKTOP_MARKER: profile.marker },
    stdio: 'inherit',
  });
  return new Promise((resolveExit, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolveExit(code ?? 1));
  });
}

async function main(): Promise<void> {
  const vsix = vsixArg();
  const executable = await downloadAndUnzipVSCode({
    version: process.env.SAMSARA_VSCODE_VERSION ?? 'stable',
    cachePath: join(ROOT, '.cache', 'vscode-test'),
  });
  const cli = resolveCliArgsFromVSCodeExecutablePath(executable);
  const suite = await bundleSuite();

  const trusted = makeProfile(cli, vsix, false);
  await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: HOST_EXTENSION,
    extensionTestsPath: suite,
    launchArgs: [trusted.workspace, '--extensions-dir', trusted.extensionsDir, '--user-data-dir', trusted.userDataDir],
    extensionTestsEnv: { SAMSARA_DESKTOP_MODE: 'trusted' },
  });

  const restricted = makeProfile(cli, vsix, true);
  const code = await runRestricted(executable, suite, restricted);
  if (code !== 0) throw new Error(`restricted-mode desktop run failed (exit ${code})`);
  console.log('desktop e2e: all scenarios passed');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
