// Finds the sidecar executable: the `samsara.sidecar.path` setting, else the environment variable
// SAMSARA_SIDECAR_PATH (for editors without settings UI and for tests), else the bundle that ships
// next to the server bundle. Every failure names the path it tried and the setting to change.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { SidecarError } from './errors';

export interface LocateOptions {
  settingPath: string;
  env: NodeJS.ProcessEnv;
  /** Directory of the running server bundle (dist/); the bundle sits in ../python-dist. */
  serverDir: string;
  platform?: NodeJS.Platform;
}

export interface LocatedSidecar {
  path: string;
  source: 'setting' | 'environment' | 'bundled';
}

export function bundledSidecarPath(serverDir: string, platform: NodeJS.Platform = process.platform): string {
  const exe = platform === 'win32' ? 'samsara-sidecar.exe' : 'samsara-sidecar';
  return path.join(serverDir, '..', 'python-dist', 'samsara-sidecar', exe);
}

/** The platforms whose VSIX carries a bundle (.github/workflows/release.yml builds them). */
export const BUNDLED_PLATFORMS =
  'Linux (x64 and arm64, glibc 2.28 or newer), Alpine Linux (x64 and arm64), macOS 14 or newer (Intel and Apple silicon) ' +
  'and Windows (x64 and arm64)';

/** The universal VSIX (platforms without a bundle) has no python-dist/ at all: say so plainly. */
function noBundleMessage(platform: NodeJS.Platform): string {
  return (
    `This copy of Samsara carries no language model for this computer (${platform}-${process.arch}); ` +
    `the builds for ${BUNDLED_PLATFORMS} do. To use Samsara here, build the samsara-sidecar program ` +
    'from the source (npm run build:python) and set `samsara.sidecar.path` to it.'
  );
}

export function locateSidecar(options: LocateOptions): LocatedSidecar {
  const platform = options.platform ?? process.platform;
  const fromSetting = options.settingPath.trim();
  const fromEnv = (options.env.SAMSARA_SIDECAR_PATH ?? '').trim();
  const located: LocatedSidecar = fromSetting
    ? { path: path.resolve(fromSetting), source: 'setting' }
    : fromEnv
      ? { path: path.resolve(fromEnv), source: 'environment' }
      : { path: bundledSidecarPath(options.serverDir, platform), source: 'bundled' };
  const hint =
    located.source === 'setting'
      ? 'Fix the setting `samsara.sidecar.path`, or clear it to use the bundled sidecar.'
      : located.source === 'environment'
        ? 'Fix the environment variable SAMSARA_SIDECAR_PATH, or unset it to use the bundled sidecar.'
        : 'Set `samsara.sidecar.path` to a samsara-sidecar executable, or rebuild the bundle (npm run build:python).';

  if (located.source === 'bundled' && !existsSync(path.join(options.serverDir, '..', 'python-dist'))) {
    throw new SidecarError('SIDECAR_NOT_FOUND', noBundleMessage(platform), false);
  }
  let isFile: boolean;
  try {
    isFile = statSync(located.path).isFile();
  } catch {
    throw new SidecarError(
      'SIDECAR_NOT_FOUND',
      `Samsara sidecar not found at ${located.path} (from ${describe(located.source)}). ${hint}`,
      false,
    );
  }
  if (!isFile) {
    throw new SidecarError(
      'SIDECAR_NOT_FOUND',
      `Samsara sidecar path ${located.path} (from ${describe(located.source)}) is not a file. ${hint}`,
      false,
    );
  }
  if (platform !== 'win32') {
    try {
      accessSync(located.path, constants.X_OK);
    } catch {
      throw new SidecarError(
        'SIDECAR_NOT_EXECUTABLE',
        `Samsara sidecar at ${located.path} (from ${describe(located.source)}) is not executable (chmod +x it). ${hint}`,
        false,
      );
    }
  }
  return located;
}

function describe(source: LocatedSidecar['source']): string {
  switch (source) {
    case 'setting':
      return 'setting samsara.sidecar.path';
    case 'environment':
      return 'SAMSARA_SIDECAR_PATH';
    case 'bundled':
      return 'the bundled default';
  }
}
