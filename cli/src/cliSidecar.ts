// A sidecar of the command line's own, started for one command and stopped after it: located as
// the language server would find it (--sidecar, SAMSARA_SIDECAR_PATH, or the bundle beside this
// one). `samsara doctor` starts one to report on it; `samsara probe` starts one only when the
// probe needs entities (fidelity, {{entities}}, pseudonymisation).
import {
  type EntitySpan,
  AnalyzeDataSchema,
  silentLogger,
  MAX_SIDECAR_LINE_BYTES,
  locateSidecar,
  type LocatedSidecar,
  buildSidecarEnv,
  pipelinesFolder,
  withSupportPackages,
  startSidecar,
  type SidecarHandle,
} from '../../server/src/engine';
import type { CliContext } from './cliContext';

export interface CliSidecarOptions {
  /** --sidecar ('' = the usual places). */
  path: string;
  pipeline: string;
  startTimeoutMs: number;
}

export interface CliSidecar {
  located: LocatedSidecar;
  handle: SidecarHandle;
  analyze(texts: string[]): Promise<EntitySpan[][]>;
  stop(): Promise<void>;
}

/** The program's environment: the command line's, and where installed pipelines' support packages are (the Japanese dictionary). */
export function cliSidecarEnv(context: Pick<CliContext, 'env'>): NodeJS.ProcessEnv {
  return withSupportPackages(context.env, pipelinesFolder(undefined, context.env));
}

/** How long one analysis may take (a long document is analysed in one request). */
const ANALYZE_TIMEOUT_MS = 120_000;

/** Starts a sidecar; throws (with its reason) when it cannot start. */
export async function startCliSidecar(context: CliContext, options: CliSidecarOptions): Promise<CliSidecar> {
  const located = locateSidecar({ settingPath: options.path, env: context.env, serverDir: context.bundleDir });
  const handle = await startSidecar({
    executable: located.path,
    args: ['--model', options.pipeline],
    env: buildSidecarEnv(cliSidecarEnv(context)),
    startTimeoutMs: options.startTimeoutMs,
    maxLineBytes: MAX_SIDECAR_LINE_BYTES,
    log: silentLogger,
  });
  return {
    located,
    handle,
    async analyze(texts) {
      const data = AnalyzeDataSchema.parse(await handle.request({ action: 'analyze', texts }, ANALYZE_TIMEOUT_MS));
      if (data.results.length !== texts.length)
        throw new Error(`the sidecar answered ${data.results.length} results for ${texts.length} texts`);
      return data.results.map((r) => r.entities);
    },
    stop: () => handle.shutdown(3000),
  };
}
