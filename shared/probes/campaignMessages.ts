// The editor's campaign messages (shared/lsp.ts re-exports them): what a campaign file would run
// (so the client asks the editor's secret storage for exactly the keys its models need, and the
// user confirms the job count), running it with $/progress and Cancel, and the results judged per
// model — the compare view's rows. Transcripts of a campaign carry the group `campaign:<name>`.
import { RequestType } from 'vscode-jsonrpc';
import { z } from 'zod';
import { OUTCOMES } from './transcriptLegacy';

const CAMPAIGN_GROUP_PREFIX = 'campaign:';

/** The transcript group of a campaign's runs (the Probe History puts them under the campaign). */
export function campaignGroup(name: string): string {
  return `${CAMPAIGN_GROUP_PREFIX}${name}`;
}

/** The campaign a transcript group names, or undefined for a comparison's group. */
export function campaignOfGroup(group: string | undefined): string | undefined {
  return group?.startsWith(CAMPAIGN_GROUP_PREFIX) ? group.slice(CAMPAIGN_GROUP_PREFIX.length) || undefined : undefined;
}

export const campaignPlanParamsSchema = z.object({ uri: z.string().min(1) });
export type CampaignPlanParams = z.infer<typeof campaignPlanParamsSchema>;

export const campaignPlanSchema = z.object({
  campaign: z.string(),
  jobs: z.number().int().nonnegative(),
  /** Jobs whose results are already stored (a resumed run skips them). */
  done: z.number().int().nonnegative(),
  models: z.array(z.string()),
  /** The providers of those models: the client sends the key it holds for each. */
  providers: z.array(z.string()),
  resultsFolder: z.string(),
});
export type CampaignPlan = z.infer<typeof campaignPlanSchema>;

/** Client → server, `samsara/campaignPlan`: what running a campaign file would do. */
export const CampaignPlanRequest = new RequestType<CampaignPlanParams, CampaignPlan, void>('samsara/campaignPlan');

export const runCampaignParamsSchema = z.object({
  uri: z.string().min(1),
  /** Keys from the editor's secret storage, by provider (only the providers the plan named). */
  apiKeys: z.record(z.string(), z.string()).default({}),
});
/** With the work-done token of the $/progress the client shows (and cancels). */
export type RunCampaignParams = z.input<typeof runCampaignParamsSchema> & { workDoneToken?: string | number };

export const campaignVerdictSchema = z.object({ name: z.string(), passed: z.boolean(), detail: z.string().optional() });

export const campaignCellSchema = z.object({
  model: z.string(),
  passed: z.boolean(),
  outcome: z.enum(OUTCOMES),
  verdicts: z.array(campaignVerdictSchema),
  /** The saved transcript (JSON), when this run saved one. */
  transcript: z.string().optional(),
});
export type CampaignCell = z.infer<typeof campaignCellSchema>;

/** One passage × scenario (× repeat): a cell per model that has a result. */
export const campaignRowSchema = z.object({
  passage: z.string(),
  scenario: z.string(),
  repeat: z.number().int().positive(),
  cells: z.array(campaignCellSchema),
});
export type CampaignRow = z.infer<typeof campaignRowSchema>;

export const campaignModelSummarySchema = z.object({
  model: z.string(),
  jobs: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative().optional(),
  latencyP50Ms: z.number().nonnegative(),
  latencyP95Ms: z.number().nonnegative(),
});

export const campaignResultSchema = z.object({
  campaign: z.string(),
  /** Every model of the campaign, in the file's order: the compare view's columns. */
  models: z.array(z.string()),
  rows: z.array(campaignRowSchema),
  summaries: z.array(campaignModelSummarySchema),
  total: z.number().int().nonnegative(),
  /** Jobs found already done (resumed). */
  skipped: z.number().int().nonnegative(),
  /** Cancelled before every job ran: run again to finish. */
  interrupted: z.boolean(),
  /** Every expectation met by every job. */
  passed: z.boolean(),
  resultsFolder: z.string(),
  /** Why some transcripts could not be saved to the transcript folder. */
  saveProblem: z.string().optional(),
  /** Stored results opened again ("Open Campaign Results…"): nothing was run. */
  reopened: z.boolean().optional(),
});
export type CampaignResult = z.infer<typeof campaignResultSchema>;

/** Client → server, `samsara/runCampaign`: runs the jobs not yet done, reports progress, stops on cancel. */
export const RunCampaignRequest = new RequestType<RunCampaignParams, CampaignResult, void>('samsara/runCampaign');
