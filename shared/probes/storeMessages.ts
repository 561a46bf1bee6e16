// The probe store's messages (shared/lsp.ts re-exports them): a shared PostgreSQL database of
// campaign transcripts (the table queue workers fill) browsed from the editor. Its address is the
// user setting `samsara.probes.store`, without the password; the password stays in the editor's
// secret storage and travels only inside these requests. Also: a campaign's results opened again
// from what is stored (its results folder, or the store), judged anew, without running anything.
import { RequestType } from 'vscode-jsonrpc';
import { z } from 'zod';
import type { CampaignResult } from './campaignMessages';
import { OUTCOMES } from './transcriptLegacy';

/** The store's address: empty (none), or postgresql://user@host:port/database with no password in it. */
export const storeAddressSchema = z.string().superRefine((value, ctx) => {
  if (value.trim() === '') return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected postgresql://user@host:port/database' });
    return;
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:')
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `expected a postgresql:// address, not ${url.protocol}//…` });
  // Never echo the value: it holds the password.
  else if (url.password !== '')
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'the address holds a password: remove it and use "Samsara: Set Probe Store Password…" (kept in secret storage)',
    });
});

const passwordParams = {
  /** From the editor's secret storage; absent when none is set (the server may still accept the user). */
  password: z.string().optional(),
  resource: z.string().optional(),
};

export const storeHistoryParamsSchema = z.object(passwordParams);
export type StoreHistoryParams = z.input<typeof storeHistoryParamsSchema>;

export const storeEntrySchema = z.object({
  campaign: z.string(),
  key: z.string(),
  model: z.string(),
  scenarioId: z.string(),
  scenarioTitle: z.string(),
  passage: z.string(),
  repeat: z.number().int(),
  outcome: z.enum(OUTCOMES),
  startedAt: z.string(),
  /** The machine and process that ran it. */
  worker: z.string(),
});
export type StoreEntry = z.infer<typeof storeEntrySchema>;

export const storeHistorySchema = z.object({
  /** The store's address as shown: no credentials. Empty when `samsara.probes.store` is not set. */
  store: z.string(),
  /** Newest first (at most STORE_HISTORY_LIMIT). */
  entries: z.array(storeEntrySchema),
  /** More rows than were listed. */
  truncated: z.boolean(),
});
export type StoreHistory = z.infer<typeof storeHistorySchema>;

export const STORE_HISTORY_LIMIT = 2000;

/** Client → server, `samsara/storeHistory`: the transcripts of the probe store. */
export const StoreHistoryRequest = new RequestType<StoreHistoryParams, StoreHistory, void>('samsara/storeHistory');

export const storeTranscriptParamsSchema = z.object({ campaign: z.string().min(1), key: z.string().min(1), ...passwordParams });
export type StoreTranscriptParams = z.input<typeof storeTranscriptParamsSchema>;

/** Client → server, `samsara/storeTranscript`: one stored transcript rendered as Markdown (shown read-only). */
export const StoreTranscriptRequest = new RequestType<StoreTranscriptParams, { markdown: string }, void>('samsara/storeTranscript');

export const CAMPAIGN_RESULT_SOURCES = ['files', 'store'] as const;
export const campaignResultsParamsSchema = z.object({
  /** The campaign file (its jobs and expectations). */
  uri: z.string().min(1),
  /** Its results folder (what "Run Campaign" and `samsara campaign run` keep), or the probe store. */
  source: z.enum(CAMPAIGN_RESULT_SOURCES),
  password: z.string().optional(),
});
export type CampaignResultsParams = z.input<typeof campaignResultsParamsSchema>;

/** Client → server, `samsara/campaignResults`: a campaign's stored results judged again, nothing sent. */
export const CampaignResultsRequest = new RequestType<CampaignResultsParams, CampaignResult, void>('samsara/campaignResults');
