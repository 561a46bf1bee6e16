// The local campaign runner: every job through runCampaignJob (the one probe entry point), a
// bounded number at a time per provider, each finished job written to the results folder under
// its content key at once (write then rename: an interrupted run leaves no half file), so a
// re-run skips what is done. A cancelled job is not stored: it runs again next time. A provider's
// 429 with a retry hint pauses every job of that provider (the limits are shared), not only the
// one that got it.
import { mkdir } from 'node:fs/promises';
import type { Remedy } from '../probes/errors';
import type { ProbeEngineSettings } from '../probes/probeEntry';
import type { Sleep } from '../probes/providerClient';
import { parseModelRef, resolveEndpoint } from '../probes/providers';
import type { ProviderLimits } from '../probes/semaphore';
import { jobEngine, runCampaignJob } from './campaignJobRun';
import type { CampaignJob } from './campaignJobs';
import { readResults, storeResultFile, type JobResult } from './campaignResults';
import type { AnalyzeIn } from './passageLanguage';

export interface RunCampaignOptions {
  campaign: string;
  jobs: readonly CampaignJob[];
  resultsFolder: string;
  keys: (provider: string) => string | undefined;
  baseUrls?: (provider: string) => string | undefined;
  settings: ProbeEngineSettings;
  /** Requests in flight per provider. */
  concurrency: number;
  signal: AbortSignal;
  /** The analysis in each passage's language (absent: no entity fidelity). */
  analyzeIn?: AnalyzeIn;
  remedy?: Remedy;
  /** The per-provider limits (tests give one with their own clock); default: one for this run. */
  limits?: ProviderLimits;
  /** The retry waits (tests pin them down). */
  sleep?: Sleep;
  /** After each job: done so far, total, and the job's result (undefined when it was cancelled). */
  onJob?: (progress: { done: number; total: number; skipped: number; job: CampaignJob; result?: JobResult }) => void;
}

export interface CampaignRun {
  results: JobResult[];
  skipped: number;
  interrupted: boolean;
}

export async function runCampaign(options: RunCampaignOptions): Promise<CampaignRun> {
  // Every model's name, key and base URL checked before the first job: a typo stops the campaign at once.
  for (const model of new Set(options.jobs.map((job) => job.model))) {
    const ref = parseModelRef(model);
    resolveEndpoint(ref, options.keys(ref.provider), options.baseUrls?.(ref.provider));
  }
  await mkdir(options.resultsFolder, { recursive: true });
  const previous = await readResults(options.resultsFolder);
  const results: JobResult[] = [];
  const todo = options.jobs.filter((job) => {
    const done = previous.get(job.key);
    if (done) results.push(done);
    return !done;
  });
  const skipped = results.length;
  const engine = jobEngine(options);
  const providers = new Set(todo.map((job) => parseModelRef(job.model).provider));
  let next = 0;
  let done = skipped;
  let interrupted = false;
  const worker = async (): Promise<void> => {
    while (!options.signal.aborted && next < todo.length) {
      const job = todo[next++];
      const result = await runCampaignJob(options.campaign, job, engine, {
        signal: options.signal,
        analyzeIn: options.analyzeIn,
        store: (r) => storeResultFile(options.resultsFolder, r),
      });
      done++;
      if (!result) interrupted = true;
      else results.push(result);
      options.onJob?.({ done, total: options.jobs.length, skipped, job, ...(result ? { result } : {}) });
    }
  };
  const workers = Math.max(1, Math.min(todo.length, options.concurrency * Math.max(1, providers.size)));
  await Promise.all(Array.from({ length: workers }, worker));
  return { results, skipped, interrupted: interrupted || (options.signal.aborted && results.length < options.jobs.length) };
}
