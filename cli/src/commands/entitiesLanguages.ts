// `samsara entities --language`: which pipeline the primary pool loads, and for `auto`, a router
// that sends each file to the pipeline of its language (front matter, else detected), with pools
// started for the languages met. Pipelines are those the editor installed (the extension's
// global storage) or those in $SAMSARA_PIPELINES_DIR: the CLI never downloads.
import {
  AnalysisCache,
  type Logger,
  languageName,
  pipelinesFolder,
  PipelineStore,
  createLauncher,
  LanguageRouter,
  SidecarPool,
  documentLanguage,
  pipelineLanguage,
} from '../../../server/src/engine';
import type { CliContext } from '../cliContext';
import { cliSidecarEnv } from '../cliSidecar';
import { INSTALL_REMEDY, installedFor } from './campaignLanguages';
import type { EntitiesOptions } from './entitiesOptions';

export interface CliRouting {
  /** The primary pool's pipeline. */
  pipeline: string;
  cacheFor(pool: SidecarPool, cache: AnalysisCache): (text: string, languageId: string) => Promise<AnalysisCache | string>;
  dispose(): Promise<void>;
}

/** The routing for `options.language`, or a message saying why it cannot be done. */
export async function cliLanguageRouting(context: CliContext, options: EntitiesOptions, log: Logger): Promise<CliRouting | string> {
  const fixed = (cache: AnalysisCache) => () => Promise.resolve(cache);
  if (!options.language || options.language === 'en')
    return { pipeline: options.pipeline, cacheFor: (_pool, cache) => fixed(cache), dispose: async () => undefined };
  const store = new PipelineStore(pipelinesFolder(undefined, context.env));
  const installed = await store.list();
  if (options.language !== 'auto') {
    const pipeline = installedFor(installed, options.language);
    if (!pipeline) {
      return `no ${languageName(options.language)} pipeline is installed in ${store.root}: ${INSTALL_REMEDY}`;
    }
    return { pipeline: pipeline.path, cacheFor: (_pool, cache) => fixed(cache), dispose: async () => undefined };
  }
  let router: LanguageRouter | undefined;
  return {
    pipeline: options.pipeline,
    cacheFor: (pool, cache) => {
      router = new LanguageRouter({
        primary: () => ({ pool, cache, language: pipelineLanguage(pool.info?.model) }),
        installed: () => installed,
        open: (pipeline) => {
          const routed = new SidecarPool(
            {
              path: options.sidecar,
              pipeline: pipeline.path,
              startTimeoutMs: options.startTimeoutMs,
              healthCheckIntervalMs: 30_000,
              healthCheckTimeoutMs: 5000,
              requestTimeoutMs: 300_000,
              workers: 1,
            },
            { launch: createLauncher(log, context.bundleDir, cliSidecarEnv(context)), onStatus: () => undefined, log },
          );
          void routed.start();
          return {
            pool: routed,
            cache: new AnalysisCache((texts) => routed.analyze(texts), { concurrency: () => Math.max(1, routed.readyWorkers) }),
          };
        },
        idleMs: () => Number.POSITIVE_INFINITY,
      });
      return async (text, languageId) => {
        const language = await documentLanguage(text, languageId, 'auto');
        return (
          router?.cacheFor(language.code) ??
          `no ${languageName(language.code)} pipeline installed in ${store.root} (language ${language.reason})`
        );
      };
    },
    dispose: async () => router?.dispose(),
  };
}
