// Where the test suites find the built server, the bundled sidecar and the fake sidecars; builds
// dist/ when it is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { bundledSidecarPath } from '../../server/src/sidecar/locateSidecar';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const serverBundle = path.join(repoRoot, 'dist', 'server.js');
export const realSidecar = bundledSidecarPath(path.join(repoRoot, 'dist'));
export const fakeSidecar = path.join(repoRoot, 'test', 'fixtures', 'fakeSidecars', 'fakeSidecar.mjs');

/** Tests of the real sidecar fail (never skip) without the bundle: npm test always builds it. */
export function requireRealSidecar(): void {
  if (!existsSync(realSidecar))
    throw new Error(`the sidecar bundle ${realSidecar} is missing: run npm run build:python (scripts/build-python.sh)`);
}

export function ensureServerBuilt(): void {
  const built = existsSync(serverBundle) ? statSync(serverBundle).mtimeMs : 0;
  // The server bundles shared/ too.
  if (built > Math.max(newestSource(path.join(repoRoot, 'server', 'src')), newestSource(path.join(repoRoot, 'shared')))) return;
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-ts.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build of dist/server.js failed:\n${result.stdout}\n${result.stderr}`);
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}
