// Language pipelines over LSP: lists what is installed and offered, installs (download with
// progress and cancellation, or from a file) and removes pipelines, and decides which pipeline
// analyses each document: its language (setting, front matter, detection) routed to the pool
// that speaks it. The client hears each document's language and why (status item), and once per
// language that a pipeline is missing, with the one to fetch.
import type { CancellationToken, Connection } from 'vscode-languageserver';
import {
  DocumentLanguageNotification,
  type DocumentLanguageParams,
  type InstallPipelineResult,
  InstallPipelineParamsSchema,
  type InstalledPipelineInfo,
  PipelineListRequest,
  PipelineProgressNotification,
  RemovePipelineParamsSchema,
  RemovePipelineRequest,
  InstallPipelineRequest,
} from '../../../shared/pipelines';
import type { AnalysisCache } from '../analysis/analysisCache';
import type { Logger } from '../logger';
import { CATALOGUE, defaultPipelineFor, languageName, supportFor } from '../pipelines/catalogue';
import type { DownloadProgress } from '../pipelines/download';
import { PipelineError } from '../pipelines/pipelineErrors';
import type { InstalledPipeline, PipelineStore } from '../pipelines/pipelineStore';
import type { SamsaraSettings } from '../settings/settings';
import type { LanguageRouter } from '../sidecar/languageRouter';
import { analysisLanguage, isCatalogued } from '../pipelines/analysisLanguage';
import type { DocumentLanguage } from '../text/documentLanguage';

export interface LanguagePipelinesDeps {
  connection: Connection;
  store: PipelineStore;
  router: LanguageRouter;
  log: Logger;
  /** Installed pipelines changed: documents waiting for one are analysed again. */
  analyzeAll(): void;
}

function info(pipeline: InstalledPipeline): InstalledPipelineInfo {
  const { name, language, version, labels, sizeBytes, path, supportBytes } = pipeline;
  const needs = supportFor(language).map((pkg) => pkg.what);
  return {
    name,
    language,
    languageName: languageName(language),
    version,
    labels,
    sizeBytes,
    path,
    ...(supportBytes > 0 && needs.length > 0 ? { support: { what: needs.join(' and '), sizeBytes: supportBytes } } : {}),
  };
}

export class LanguagePipelines {
  private installedList: InstalledPipeline[] = [];
  /** Languages whose pipelines this platform's program cannot run (Japanese without SudachiPy), with why. */
  private unrunnable = new Map<string, string>();
  private readonly sent = new Map<string, string>();

  constructor(private readonly deps: LanguagePipelinesDeps) {}

  /** Installed pipelines as the router needs them (kept current by refresh). */
  get installed(): readonly InstalledPipeline[] {
    return this.installedList;
  }

  /** NER labels of every installed pipeline (for the token legend). */
  get labels(): string[] {
    return [...new Set(this.installedList.flatMap((pipeline) => pipeline.labels))];
  }

  async refresh(): Promise<void> {
    this.installedList = await this.deps.store.list();
    this.unrunnable = await this.deps.store.support.unrunnable();
  }

  register(): void {
    const { connection } = this.deps;
    connection.onRequest(PipelineListRequest, async () => {
      await this.refresh();
      return {
        folder: this.deps.store.root,
        installed: this.installedList.map(info),
        offered: CATALOGUE.pipelines.map((row) => {
          const why =
            row.unsupported ??
            (this.unrunnable.has(row.language) ? `needs ${this.unrunnable.get(row.language)}` : undefined) ??
            (row.sha256 ? undefined : 'its official checksum could not be verified: install it from a file');
          return {
            name: row.name,
            language: row.language,
            languageName: row.languageName,
            version: row.version,
            sizeBytes: row.sizeBytes,
            licence: row.licence,
            downloadable: why === undefined,
            ...(why ? { why } : {}),
          };
        }),
      };
    });
    connection.onRequest(InstallPipelineRequest, (raw, token) => this.install(raw, token));
    connection.onRequest(RemovePipelineRequest, async (raw) => {
      const params = RemovePipelineParamsSchema.parse(raw);
      this.deps.router.unload(params.name);
      const removed = await this.deps.store.remove(params.name);
      await this.refresh();
      this.sent.clear();
      this.deps.analyzeAll();
      return { removed };
    });
  }

  private async install(raw: unknown, token: CancellationToken): Promise<InstallPipelineResult> {
    const parsed = InstallPipelineParamsSchema.safeParse(raw);
    if (!parsed.success)
      return {
        ok: false,
        kind: 'badRequest',
        message: `samsara/pipelines/install: ${parsed.error.issues[0]?.message ?? 'bad parameters'}`,
      };
    const params = parsed.data;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    const mirror = params.mirror?.trim() || undefined;
    const name = 'file' in params ? params.file : params.name;
    const options = {
      signal: controller.signal,
      ...(mirror ? { mirror } : {}),
      onProgress: ({ received, total, part }: DownloadProgress) =>
        void this.deps.connection.sendNotification(PipelineProgressNotification, {
          name,
          received,
          ...(total ? { total } : {}),
          ...(part ? { part } : {}),
        }),
    };
    try {
      const support = 'file' in params ? this.deps.store.support.packageOfWheel(params.file) : undefined;
      if ('file' in params && support) {
        await this.deps.store.support.installWheel(params.file, support);
        this.deps.log.info(`Installed ${support.name} ${support.version} in ${this.deps.store.support.folder}`);
        await this.refresh();
        return {
          ok: true,
          support: { name: support.name, version: support.version, what: support.what, sizeBytes: support.unpackedBytes },
        };
      }
      const pipeline =
        'file' in params ? await this.deps.store.installFromFile(params.file, options) : await this.deps.store.fetch(params.name, options);
      this.deps.router.unload(pipeline.name);
      await this.refresh();
      this.sent.clear();
      this.deps.log.info(`Installed ${pipeline.name} ${pipeline.version} in ${pipeline.path}`);
      this.deps.analyzeAll();
      return { ok: true, pipeline: info(pipeline) };
    } catch (error) {
      const kind = error instanceof PipelineError ? error.kind : 'unknown';
      const message = error instanceof Error ? error.message : String(error);
      this.deps.log.warn(`Pipeline install failed (${kind}): ${message}`);
      return { ok: false, kind, message };
    } finally {
      cancel.dispose();
    }
  }

  /** A workspace file's language under `setting` (samsara.language where it lives) and the cache of its pipeline (undefined: none installed); the client is not told. */
  async route(text: string, languageId: string, setting: string): Promise<{ language: string; cache: AnalysisCache | undefined }> {
    const { language } = await analysisLanguage(text, languageId, setting);
    return { language: language.code, cache: this.deps.router.cacheFor(language.code) };
  }

  /** The cache for this document's language, telling the client the language and why. */
  async cacheFor(uri: string, text: string, languageId: string, settings: SamsaraSettings): Promise<AnalysisCache | undefined> {
    const { language, note } = await analysisLanguage(text, languageId, settings.language);
    const cache = this.deps.router.cacheFor(language.code);
    this.tell(uri, language, cache !== undefined, note);
    return cache;
  }

  private tell(uri: string, language: DocumentLanguage, ready: boolean, note: string | undefined): void {
    const name = languageName(language.code);
    const params: DocumentLanguageParams = { uri, code: language.code, languageName: name, reason: language.reason, pipeline: 'ready' };
    if (language.confidence !== undefined) params.confidence = language.confidence;
    if (note) params.message = note;
    const model = ready ? this.deps.router.pipelineFor(language.code) : undefined;
    if (model) params.model = model;
    if (!ready) {
      const offer = defaultPipelineFor(language.code);
      const unrunnable = this.unrunnable.get(language.code);
      const needs = supportFor(language.code).map((pkg) => `${pkg.what} (${Math.round(pkg.sizeBytes / 1e6)} MB)`);
      const also = needs.length
        ? ` ${name} language models also need ${needs.join(' and ')}, which Samsara downloads with the first one.`
        : '';
      if (unrunnable) {
        params.pipeline = 'unavailable';
        params.message = `${name} language models need ${unrunnable}, so names are not highlighted here.`;
      } else if (offer?.sha256) {
        params.pipeline = 'missing';
        params.offer = offer.name;
        params.message = `No ${name} language model is installed, so names are not highlighted. Download ${offer.name}${offer.sizeBytes ? ` (${Math.round(offer.sizeBytes / 1e6)} MB)` : ''} or install one from a file.${also}`;
      } else if (offer || isCatalogued(language.code)) {
        params.pipeline = 'missing';
        params.message = `No ${name} language model is installed, and Samsara cannot verify a download of one: install it from a file (Samsara: Install Language Pipeline from File…).${also}`;
      } else {
        params.pipeline = 'unavailable';
        params.message = `spaCy has no language model for ${name} (${language.code}), so names are not highlighted. Set samsara.language to another language to analyse this document.`;
      }
    }
    const key = JSON.stringify(params);
    if (this.sent.get(uri) === key) return;
    this.sent.set(uri, key);
    void this.deps.connection.sendNotification(DocumentLanguageNotification, params);
  }

  closed(uri: string): void {
    this.sent.delete(uri);
  }
}
