// One campaign job, the same way for every runner (the local runner, a queue worker): the passage
// through the one probe entry point with the runner's keys, settings and per-provider limits,
// then the result handed to the runner's store. A cancelled probe is not stored (the job runs
// again next time); whatever else came back — a failed turn included — is the job's result.
import type { Transcript } from '../../../shared/probes/transcript';
import type { Remedy } from '../probes/errors';
import { probe, type ProbeEngineSettings } from '../probes/probeEntry';
import type { Sleep } from '../probes/providerClient';
import { ProviderLimits } from '../probes/semaphore';
import type { CampaignJob } from './campaignJobs';
import { jobResult, type JobResult } from './campaignResults';
import { passageLanguage, type AnalyzeIn } from './passageLanguage';

/** What a job needs of its campaign job: what is sent and what names its result. */
export type JobToRun = Pick<CampaignJob, 'key' | 'scenario' | 'model' | 'repeat'> & {
  passage: { id: string; text: string; file?: string; language?: string };
};

/** What every job of a runner shares. */
export interface JobEngine {
  keys: (provider: string) => string | undefined;
  baseUrls?: (provider: string) => string | undefined;
  settings: ProbeEngineSettings;
  /** One per runner: a provider's concurrency and its rate-limit pauses apply to all its jobs. */
  limits: Pick<ProviderLimits, 'for'>;
  remedy?: Remedy;
  /** Tests pin the retry waits down. */
  sleep?: Sleep;
}

/** A runner's engine: its keys and settings, and one set of per-provider limits for all its jobs. */
export function jobEngine(options: Omit<JobEngine, 'limits'> & { concurrency: number; limits?: ProviderLimits }): JobEngine {
  return {
    keys: options.keys,
    baseUrls: options.baseUrls,
    settings: options.settings,
    limits: options.limits ?? new ProviderLimits(options.concurrency),
    remedy: options.remedy,
    sleep: options.sleep,
  };
}

/**
 * Runs a job and stores its result with `store`; undefined when it was cancelled (nothing stored).
 * `analyzeIn`: the analysis in the passage's language, when the job's expectations need entities
 * (a passage queued without its language is resolved here, as the loader would: auto).
 */
export async function runCampaignJob(
  campaign: string,
  job: JobToRun,
  engine: JobEngine,
  run: { signal: AbortSignal; analyzeIn?: AnalyzeIn; store: (result: JobResult) => Promise<void> },
): Promise<JobResult | undefined> {
  const analyze = run.analyzeIn ? await run.analyzeIn(job.passage.language ?? (await passageLanguage(job.passage, 'auto'))) : undefined;
  const transcript: Transcript = await probe(
    {
      text: job.passage.text,
      ...(job.passage.file ? { file: job.passage.file } : {}),
      model: job.model,
      scenario: job.scenario,
      scenarioSources: { settings: { scenarios: [], scenarioFile: '' }, workspaceFolders: async () => [] },
      keys: engine.keys,
      baseUrls: engine.baseUrls,
      settings: engine.settings,
      signal: run.signal,
      stream: false,
      group: campaign,
      limits: engine.limits,
    },
    { analyze, remedy: engine.remedy, ...(engine.sleep ? { sleep: engine.sleep } : {}) },
  );
  if (transcript.run.outcome === 'cancelled') return undefined;
  const result = jobResult(campaign, job, transcript);
  await run.store(result);
  return result;
}
