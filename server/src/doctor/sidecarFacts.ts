// The sidecar part of the doctor's report, from its health answer: for the language server, the
// sidecar pool it runs; for the command line, one it starts for the check and stops after.
import type { HealthData, ModelLoaded } from '../protocol/sidecar';
import type { LocatedSidecar } from '../sidecar/locateSidecar';
import type { DoctorReport } from './doctorReport';

type SidecarFacts = DoctorReport['sidecar'];

/** Facts from a located, started sidecar's handshake and health answer. */
export function factsFromHealth(
  located: LocatedSidecar,
  info: ModelLoaded | undefined,
  health: HealthData,
  now = Date.now(),
): SidecarFacts {
  return {
    ok: true,
    path: located.path,
    source: located.source,
    model: health.model,
    modelVersion: health.model_version,
    ...(health.model_source ? { modelSource: health.model_source } : {}),
    spacyVersion: health.spacy_version,
    startedAt: new Date(now - health.uptime_s * 1000).toISOString(),
    rssBytes: health.rss_bytes,
    ...(info?.pid !== undefined ? { pid: info.pid } : {}),
  };
}

/** What the language server's running sidecar pool reports; a pool that is not ready says why. */
export interface RunningPool {
  readonly state: string;
  readonly reason: string | undefined;
  readonly info: ModelLoaded | undefined;
  /** One entry per worker; a worker that could not answer carries `error` instead of `health`. */
  health(): Promise<ReadonlyArray<{ health?: HealthData; error?: string }>>;
}

/** The pool as one sidecar for the report: the first healthy worker's facts, memory summed over workers. */
export function poolHealth(workers: ReadonlyArray<{ health?: HealthData; error?: string }>): HealthData {
  const healthy = workers.flatMap((w) => (w.health ? [w.health] : []));
  if (healthy.length === 0) throw new Error(workers.find((w) => w.error)?.error ?? 'no sidecar worker answered its health check');
  return { ...healthy[0], rss_bytes: healthy.reduce((sum, h) => sum + h.rss_bytes, 0) };
}

export async function poolFacts(sidecar: RunningPool | undefined, locate: () => LocatedSidecar): Promise<SidecarFacts> {
  let located: LocatedSidecar | undefined;
  let locateProblem: string | undefined;
  try {
    located = locate();
  } catch (error) {
    locateProblem = error instanceof Error ? error.message : String(error);
  }
  const where = located ? { path: located.path, source: located.source } : {};
  if (!sidecar) return { ok: false, ...where, problem: locateProblem ?? 'the language server has not started the sidecar yet' };
  if (sidecar.state !== 'ready' || !located) {
    return {
      ok: false,
      ...where,
      problem: `${sidecar.state}${sidecar.reason ? `: ${sidecar.reason}` : ''}${locateProblem ? ` (${locateProblem})` : ''}`,
    };
  }
  return factsFromHealth(located, sidecar.info, poolHealth(await sidecar.health()));
}
