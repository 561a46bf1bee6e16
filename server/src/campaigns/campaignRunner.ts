// The local campaign runner: every job through the one probe entry point, a bounded number at a
// time per provider (the engine's retries wait as long as a 429 asks), each finished job written
// to the results folder under its content key at once (write then rename: an interrupted run
// leaves no half file), so a re-run skips what is done. A cancelled job is not stored: it runs
// again next time.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { transcriptSchema, type Transcript } from '../../../shared/probes/transcript';
import type { Remedy } from '../probes/errors';
import { probe, type ProbeEngineSettings } from '../probes/probeEntry';
import type { Analyze } from '../probes/probePreparation';
import { parseModelRef, resolveEndpoint } from '../probes/providers';
import { ProviderLimits } from '../probes/semaphore';
import type { CampaignJob } from './campaignJobs';

export const RESULT_SCHEMA_VERSION = 1;

export const jobResultSchema = z.object({
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  key: z.string(),
  campaign: z.string(),
  passage: z.string(),
  scenario: z.string(),
  model: z.string(),
  repeat: z.number().int(),
  transcript: transcriptSchema,
});
export type JobResult = z.infer<typeof jobResultSchema>;

export function jobResult(campaign: string, job: CampaignJob, transcript: Transcript): JobResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    key: job.key,
    campaign,
    passage: job.passage.id,
    scenario: job.scenario.id,
    model: job.model,
    repeat: job.repeat,
    transcript,
  };
}

/** The results already in the folder, by key (unreadable files are skipped: their jobs run again). */
export async function readResults(folder: string): Promise<Map<string, JobResult>> {
  const out = new Map<string, JobResult>();
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((n) => /^[0-9a-f]{32}\.json$/.test(n))) {
    try {
      const parsed = jobResultSchema.safeParse(JSON.parse(await readFile(join(folder, name), 'utf8')));
      if (parsed.success) out.set(parsed.data.key, parsed.data);
    } catch {
      // a file another tool broke: its job simply runs again
    }
  }
  return out;
}

/** Writes a result as <key>.json (write then rename: never a half file). */
export async function storeResultFile(folder: string, result: JobResult): Promise<void> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${result.key}.json`);
  await writeFile(`${path}.tmp`, `${JSON.stringify(result, null, 2)}\n`, 'utf8');
  await rename(`${path}.tmp`, path);
}

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
  analyze?: Analyze;
  remedy?: Remedy;
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
  const limits = new ProviderLimits(options.concurrency);
  const providers = new Set(todo.map((job) => parseModelRef(job.model).provider));
  let next = 0;
  let done = skipped;
  let interrupted = false;
  const worker = async (): Promise<void> => {
    while (!options.signal.aborted && next < todo.length) {
      const job = todo[next++];
      const transcript = await probe(
        {
          text: job.passage.text,
          ...(job.passage.file ? { file: job.passage.file } : {}),
          model: job.model,
          scenario: job.scenario,
          scenarioSources: { settings: { scenarios: [], scenarioFile: '' }, workspaceFolders: async () => [] },
          keys: options.keys,
          baseUrls: options.baseUrls,
          settings: options.settings,
          signal: options.signal,
          stream: false,
          group: options.campaign,
          limits,
        },
        { analyze: options.analyze, remedy: options.remedy },
      );
      done++;
      if (transcript.run.outcome === 'cancelled') {
        interrupted = true;
        options.onJob?.({ done, total: options.jobs.length, skipped, job });
        continue;
      }
      const result = jobResult(options.campaign, job, transcript);
      await storeResultFile(options.resultsFolder, result);
      results.push(result);
      options.onJob?.({ done, total: options.jobs.length, skipped, job, result });
    }
  };
  const workers = Math.max(1, Math.min(todo.length, options.concurrency * Math.max(1, providers.size)));
  await Promise.all(Array.from({ length: workers }, worker));
  return { results, skipped, interrupted: interrupted || (options.signal.aborted && results.length < options.jobs.length) };
}
