// Support packages: Python packages a language's pipelines need beside the bundle (the
// catalogue's `supportPackages`; Japanese: SudachiPy's dictionary, 202 MB unpacked, too big to
// ship in every VSIX). They live in the store's `.support/` folder, one `<name>-<version>/` per
// package holding the unpacked wheel; the sidecar puts each on its Python path
// (SAMSARA_SUPPORT_PACKAGES, see sidecar/launchSidecar.ts). Fetched with the first pipeline of
// their language, verified by sha256 before anything is unpacked, built in a temporary sibling
// and renamed into place; from a file too, for offline machines; removed with the last pipeline
// that needs them.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CATALOGUE, type Catalogue, languageName, type SupportPackage, supportFor, supportUrl, wheelName } from './catalogue';
import { ANY_BUNDLE, type BundleContents } from './bundleContents';
import { downloadVerified, type DownloadProgress } from './download';
import { classify, PipelineError } from './pipelineErrors';
import { unpackWholeWheel } from './wheel';

/** The folder, inside the pipelines folder, that holds support packages. */
export const SUPPORT_FOLDER = '.support';

/**
 * `env` for the sidecar, telling it where the support packages of `pipelinesRoot` are
 * (SAMSARA_SUPPORT_PACKAGES, read by python-src/samsara_sidecar/support_packages.py); a value
 * already in `env` wins. The server and the command line both start their sidecars with it.
 */
export function withSupportPackages(env: NodeJS.ProcessEnv, pipelinesRoot: string): NodeJS.ProcessEnv {
  return { SAMSARA_SUPPORT_PACKAGES: join(pipelinesRoot, SUPPORT_FOLDER), ...env };
}

export interface SupportFetchOptions {
  mirror?: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

function describe(pkg: SupportPackage): string {
  return `${pkg.what} (${pkg.name} ${pkg.version}, ${Math.round(pkg.sizeBytes / 1e6)} MB)`;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

export class SupportPackages {
  constructor(
    private readonly pipelinesRoot: string,
    private readonly catalogue: Catalogue = CATALOGUE,
    private readonly bundle: BundleContents = ANY_BUNDLE,
  ) {}

  get folder(): string {
    return join(this.pipelinesRoot, SUPPORT_FOLDER);
  }

  private folderOf(pkg: SupportPackage): string {
    return join(this.folder, `${pkg.name}-${pkg.version}`);
  }

  private async present(pkg: SupportPackage): Promise<boolean> {
    return (await stat(join(this.folderOf(pkg), pkg.name)).catch(() => undefined))?.isDirectory() === true;
  }

  /** The catalogue's support package a wheel file is (by its name), if any. */
  packageOfWheel(file: string): SupportPackage | undefined {
    const name = basename(file);
    return this.catalogue.supportPackages.find((pkg) => name.startsWith(`${pkg.name}-`) && name.endsWith('.whl'));
  }

  /** What `language`'s pipelines need that the bundle lacks ("SudachiPy, the Japanese word splitter, …"), if anything. */
  async missingCode(language: string): Promise<string | undefined> {
    for (const pkg of supportFor(language, this.catalogue)) {
      if (!(await this.bundle.carries(pkg.bundleModule)))
        return `${pkg.bundleModuleName}, the ${languageName(language, this.catalogue)} word splitter, which Samsara's build for this platform does not include (${pkg.bundleModuleName} publishes none for it)`;
    }
    return undefined;
  }

  /** Languages whose pipelines the bundle cannot run, with why. */
  async unrunnable(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const language of new Set(this.catalogue.supportPackages.flatMap((pkg) => pkg.languages))) {
      const why = await this.missingCode(language);
      if (why) found.set(language, why);
    }
    return found;
  }

  /** Throws when the bundle cannot run `language`'s pipelines. */
  async checkBundle(language: string, pipelineName: string): Promise<void> {
    const why = await this.missingCode(language);
    if (why) throw new PipelineError('unsupported', `${pipelineName} needs ${why}; Samsara cannot use it here.`);
  }

  /** Downloads whatever `language`'s pipelines need and is not installed yet. */
  async ensure(language: string, options: SupportFetchOptions = {}): Promise<void> {
    for (const pkg of supportFor(language, this.catalogue)) {
      if (await this.present(pkg)) continue;
      const wheel = join(this.pipelinesRoot, '.download', wheelName(pkg));
      const url = supportUrl(pkg, options.mirror);
      try {
        await downloadVerified({
          url,
          sha256: pkg.sha256,
          destination: wheel,
          what: `${pkg.name} ${pkg.version}`,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.onProgress ? { onProgress: (progress) => options.onProgress?.({ ...progress, part: pkg.what }) } : {}),
        });
        await this.place(pkg, wheel);
      } catch (error) {
        const reason = classify(error, `${pkg.name} ${pkg.version}`, new URL(url).host);
        if (reason.kind === 'cancelled') throw reason;
        throw new PipelineError(
          reason.kind,
          `${languageName(language, this.catalogue)} language models need ${describe(pkg)}, and it could not be installed: ${reason.message} Offline, download ${wheelName(pkg)} from ${pkg.url} and install it with Samsara: Install Language Pipeline from File…, then the pipeline.`,
          { cause: error },
        );
      } finally {
        await rm(wheel, { force: true });
      }
    }
  }

  /** Installs a support package's wheel the writer chose; it must be the very file the catalogue pins. */
  async installWheel(file: string, pkg: SupportPackage): Promise<void> {
    const actual = await sha256Of(file).catch((error: unknown) => {
      throw classify(error, basename(file), this.folder);
    });
    if (actual !== pkg.sha256)
      throw new PipelineError(
        'checksum',
        `${basename(file)} is not ${pkg.name} ${pkg.version} as released (expected sha256 ${pkg.sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…). Samsara uses only that file: download ${wheelName(pkg)} from ${pkg.url}.`,
      );
    await this.place(pkg, file);
  }

  /** Bytes the installed support packages of `language` take on disk. */
  async sizeFor(language: string): Promise<number> {
    let total = 0;
    for (const pkg of supportFor(language, this.catalogue)) if (await this.present(pkg)) total += pkg.unpackedBytes;
    return total;
  }

  /** Removes the packages no language in `inUse` needs any more. */
  async prune(inUse: ReadonlySet<string>): Promise<void> {
    for (const pkg of this.catalogue.supportPackages) {
      if (!pkg.languages.some((language) => inUse.has(language))) await rm(this.folderOf(pkg), { recursive: true, force: true });
    }
  }

  private async place(pkg: SupportPackage, wheel: string): Promise<void> {
    const temp = join(this.folder, `.install-${randomBytes(4).toString('hex')}`);
    const what = `${pkg.name} ${pkg.version}`;
    try {
      await mkdir(temp, { recursive: true });
      await unpackWholeWheel(wheel, temp, what);
      if (!(await stat(join(temp, pkg.name)).catch(() => undefined))?.isDirectory())
        throw new PipelineError('badPackage', `${what} holds no ${pkg.name} package folder.`);
      await rm(this.folderOf(pkg), { recursive: true, force: true });
      await rename(temp, this.folderOf(pkg));
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw classify(error, what, this.folder);
    }
  }
}
