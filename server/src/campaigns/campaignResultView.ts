// A campaign's results as the editor's compare view shows them (one column per model in the
// file's order, a row per passage × scenario × repeat, pass/fail per expectation): built from the
// results of a run just made, or of results stored earlier (the results folder, the probe store)
// and judged again with the campaign file's current expectations. Pure: no LSP, no I/O.
import type { CampaignResult, CampaignRow } from '../../../shared/probes/campaignMessages';
import type { CampaignJob } from './campaignJobs';
import type { LoadedCampaign } from './campaignLoader';
import { judgeResults, type CampaignReport } from './campaignReport';
import type { JobResult } from './campaignResults';

/** The judged report as the compare view shows it: a row per passage × scenario × repeat, a cell per model. */
export function campaignRows(jobs: readonly CampaignJob[], report: CampaignReport, saved: ReadonlyMap<string, string>): CampaignRow[] {
  const judged = new Map(report.jobs.map((j) => [j.result.key, j]));
  const rows = new Map<string, CampaignRow>();
  for (const job of jobs) {
    const id = JSON.stringify([job.passage.id, job.scenario.id, job.repeat]);
    const row = rows.get(id) ?? { passage: job.passage.id, scenario: job.scenario.id, repeat: job.repeat, cells: [] };
    rows.set(id, row);
    const done = judged.get(job.key);
    if (!done) continue;
    const transcript = saved.get(job.key);
    row.cells.push({
      model: job.model,
      passed: done.passed,
      outcome: done.result.transcript.run.outcome,
      verdicts: done.verdicts.map((v) => ({ name: v.name, passed: v.passed, ...(v.detail !== undefined ? { detail: v.detail } : {}) })),
      ...(transcript ? { transcript } : {}),
    });
  }
  return [...rows.values()];
}

export interface ResultFacts {
  /** Jobs found done before this run (all of them, when results are reopened). */
  skipped: number;
  interrupted: boolean;
  /** Where the results are: the results folder, or the store's address (no credentials). */
  resultsFolder: string;
  /** Saved transcript files by job key (a run from the editor saves them). */
  saved?: ReadonlyMap<string, string>;
  saveProblem?: string;
}

/** The compare view's content for a campaign's results; only results of the campaign's current jobs count. */
export function campaignResultOf(loaded: LoadedCampaign, results: readonly JobResult[], facts: ResultFacts): CampaignResult {
  const name = loaded.campaign.name;
  const expectOf = new Map(loaded.jobs.map((job) => [job.key, job.passage.expect]));
  const current = results.filter((r) => expectOf.has(r.key));
  const models = [...new Set(loaded.jobs.map((j) => j.model))];
  const report = judgeResults(name, current, (r) => expectOf.get(r.key) ?? {}, models);
  const total = loaded.jobs.length;
  return {
    campaign: name,
    models,
    rows: campaignRows(loaded.jobs, report, facts.saved ?? new Map()),
    summaries: report.models.map((m) => ({
      model: m.model,
      jobs: m.jobs,
      passed: m.passed,
      ...(m.costUsd !== undefined ? { costUsd: m.costUsd } : {}),
      latencyP50Ms: m.latencyP50Ms,
      latencyP95Ms: m.latencyP95Ms,
    })),
    total,
    skipped: facts.skipped,
    interrupted: facts.interrupted,
    passed: report.passed && current.length === total,
    resultsFolder: facts.resultsFolder,
    ...(facts.saveProblem ? { saveProblem: facts.saveProblem } : {}),
  };
}
