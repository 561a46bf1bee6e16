// A campaign's job results: the record a job leaves (its names and the whole transcript), kept as
// <key>.json files in a results folder (the local runner's resume store; a queue worker writes
// them too when asked) and as rows of the PostgreSQL transcript table. Files are untrusted on the
// way in: each is checked by the zod schema, and one that does not fit is skipped (its job runs again).
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { transcriptSchema, type Transcript } from '../../../shared/probes/transcript';
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

export function jobResult(
  campaign: string,
  job: Pick<CampaignJob, 'key' | 'scenario' | 'model' | 'repeat'> & { passage: { id: string } },
  transcript: Transcript,
): JobResult {
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
