// The folder of installed pipelines (the extension's global storage, `pipelines/`; the CLI reads
// the same folder): one sub-folder per pipeline, `<name>-<version>/`, holding the pipeline data
// directory the sidecar loads by path. Installs are built in a temporary sibling and renamed
// into place, so a folder that exists is complete; `.download/` holds wheels being fetched and
// `.support/` what a language's pipelines need beside the bundle (supportPackages.ts).
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ANY_BUNDLE, type BundleContents } from './bundleContents';
import { CATALOGUE, catalogueRow, downloadUrl, type Catalogue, type CatalogueRow, wheelName } from './catalogue';
import { downloadVerified, type DownloadProgress } from './download';
import { checkCompatible, readMeta, type PipelineMeta } from './pipelineMeta';
import { classify, PipelineError } from './pipelineErrors';
import { pipelineDirIn } from './pipelineFolder';
import { SpacyVersion } from './spacyVersion';
import { SupportPackages } from './supportPackages';
import { unpackWheel } from './wheel';

export interface InstalledPipeline extends PipelineMeta {
  path: string;
  sizeBytes: number;
  /** What its language's support packages take beside it (Japanese: the dictionary); shared by that language's pipelines. */
  supportBytes: number;
}

export interface FetchOptions {
  mirror?: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
}

async function folderSize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += await folderSize(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

export class PipelineStore {
  readonly support: SupportPackages;

  /** `spacy` and `bundle`: what the language model program carries (pipelines are checked against it). */
  constructor(
    readonly root: string,
    private readonly catalogue: Catalogue = CATALOGUE,
    private readonly spacy: Pick<SpacyVersion, 'current'> = new SpacyVersion(),
    bundle: BundleContents = ANY_BUNDLE,
  ) {
    this.support = new SupportPackages(root, catalogue, bundle);
  }

  /** Every complete install, by name; unreadable folders are skipped. */
  async list(): Promise<InstalledPipeline[]> {
    let entries: string[];
    try {
      entries = await readdir(this.root);
    } catch {
      return [];
    }
    const installed: InstalledPipeline[] = [];
    for (const entry of entries.sort()) {
      if (entry.startsWith('.')) continue;
      const path = join(this.root, entry);
      try {
        const meta = await readMeta(path);
        installed.push({ ...meta, path, sizeBytes: await folderSize(path), supportBytes: await this.support.sizeFor(meta.language) });
      } catch {
        // not a pipeline folder (a stray file, a half-removed one): not listed
      }
    }
    return installed;
  }

  /** The installed pipeline of `language`: the catalogue's default if present, else any. */
  async forLanguage(language: string): Promise<InstalledPipeline | undefined> {
    const candidates = (await this.list()).filter((pipeline) => pipeline.language === language);
    return candidates.find((pipeline) => pipeline.name.endsWith('_sm')) ?? candidates[0];
  }

  async remove(name: string): Promise<boolean> {
    const installed = await this.list();
    const targets = installed.filter((pipeline) => pipeline.name === name);
    for (const target of targets) await rm(target.path, { recursive: true, force: true });
    // What the others still need stays (list() walks every folder for its size: once is enough).
    await this.support.prune(new Set(installed.filter((pipeline) => pipeline.name !== name).map((pipeline) => pipeline.language)));
    return targets.length > 0;
  }

  /** Downloads a catalogue pipeline, verifies its sha256, unpacks and checks it. */
  async fetch(name: string, options: FetchOptions = {}): Promise<InstalledPipeline> {
    const row = catalogueRow(name, this.catalogue);
    if (!row) throw new PipelineError('unknown', `${name} is not in Samsara's catalogue of spaCy pipelines.`);
    refuseUnfetchable(row);
    await this.support.checkBundle(row.language, row.name);
    const what = `${row.name} ${row.version}`;
    const wheel = join(this.root, '.download', wheelName(row));
    await downloadVerified({
      url: downloadUrl(row, options.mirror, this.catalogue),
      sha256: row.sha256 as string,
      destination: wheel,
      what,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    try {
      return await this.installWheel(wheel, what, options);
    } finally {
      await rm(wheel, { force: true });
    }
  }

  /**
   * Installs a wheel or a pipeline folder the writer chose (offline machines). What its language
   * needs beside the bundle is downloaded with it (`options`), unless installed from a file first.
   */
  async installFromFile(path: string, options: FetchOptions = {}): Promise<InstalledPipeline> {
    const info = await stat(path).catch((error: unknown) => {
      throw new PipelineError('badPackage', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (info.isFile()) return this.installWheel(path, basename(path), options);
    return this.installFolder(path, options);
  }

  private async installWheel(wheel: string, what: string, options: FetchOptions): Promise<InstalledPipeline> {
    return this.place(what, (temp) => unpackWheel(wheel, temp, what), options);
  }

  private async installFolder(folder: string, options: FetchOptions): Promise<InstalledPipeline> {
    const dir = await pipelineDirIn(folder);
    if (!dir)
      throw new PipelineError(
        'badPackage',
        `${folder} is not a spaCy pipeline folder (no config.cfg with meta.json, in it or in one folder below).`,
      );
    return this.place(basename(folder), (temp) => cp(dir, temp, { recursive: true }), options);
  }

  /** Fills a temporary folder, checks what it holds, then renames it to `<name>-<version>`. */
  private async place(what: string, fill: (temp: string) => Promise<void>, options: FetchOptions): Promise<InstalledPipeline> {
    const temp = join(this.root, `.install-${randomBytes(4).toString('hex')}`);
    try {
      await mkdir(temp, { recursive: true });
      await fill(temp);
      const meta = await readMeta(temp);
      checkCompatible(meta, await this.spacy.current());
      refuseUnsupportedLanguage(meta, this.catalogue);
      await this.support.checkBundle(meta.language, meta.name);
      await this.support.ensure(meta.language, options);
      const final = join(this.root, `${meta.name}-${meta.version}`);
      await rm(final, { recursive: true, force: true });
      await rename(temp, final);
      return { ...meta, path: final, sizeBytes: await folderSize(final), supportBytes: await this.support.sizeFor(meta.language) };
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw classify(error, what, this.root);
    }
  }
}

/**
 * A pipeline of a language whose tokenizer needs code the bundle does not carry would install and
 * then fail to load in every document: a catalogue row may say so (`unsupported`), and it is
 * refused at install, from a file too, with the reason. (No row does today: Chinese's segmenter
 * is in the bundle; Japanese's is where SudachiPy has builds, checked by SupportPackages.)
 */
function refuseUnsupportedLanguage(meta: { name: string; language: string }, catalogue: Catalogue): void {
  const row = catalogue.pipelines.find((candidate) => candidate.language === meta.language && candidate.unsupported);
  if (row?.unsupported) throw new PipelineError('unsupported', `${meta.name} ${row.unsupported}; Samsara cannot use it yet.`);
}

/** Throws when Samsara will not download this row (no verified checksum, or the bundle cannot run it). */
export function refuseUnfetchable(row: CatalogueRow): void {
  if (row.unsupported) throw new PipelineError('unsupported', `${row.name} ${row.unsupported}; Samsara cannot use it yet.`);
  if (!row.sha256) {
    throw new PipelineError(
      'unverifiable',
      `Samsara cannot verify ${row.name} ${row.version}: its official checksum is not in the catalogue, so it is not downloaded. Download the wheel from spaCy yourself and install it with Samsara: Install Language Pipeline from File….`,
    );
  }
}
