// How the server starts a real sidecar: locate the executable, then spawn it with the pipeline
// and an explicit environment. A worker (sidecarWorker.ts) calls this at every (re)start.
import type { Logger } from '../logger';
import { locateSidecar } from './locateSidecar';
import { buildSidecarEnv } from './sidecarEnv';
import { startSidecar, type SidecarHandle } from './sidecarProcess';
import type { SidecarConfig } from './sidecarWorker';

/** Cap of one stdout line. Requests are batched to stay far below it (see analysisCache). */
export const MAX_SIDECAR_LINE_BYTES = 32 * 1024 * 1024;

/** Starts the sidecar a config names; `env`: where SAMSARA_SIDECAR_PATH and the passed-on variables come from. */
export function createLauncher(
  log: Logger,
  serverDir: string,
  env: NodeJS.ProcessEnv = process.env,
): (config: SidecarConfig) => Promise<SidecarHandle> {
  return async (config) => {
    const located = locateSidecar({ settingPath: config.path, env, serverDir });
    log.debug(`Starting sidecar ${located.path} --model ${config.pipeline}`);
    return startSidecar({
      executable: located.path,
      args: ['--model', config.pipeline],
      env: buildSidecarEnv(env),
      startTimeoutMs: config.startTimeoutMs,
      maxLineBytes: MAX_SIDECAR_LINE_BYTES,
      log,
    });
  };
}
