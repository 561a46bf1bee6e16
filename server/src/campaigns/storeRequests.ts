// The editor's read-only requests on stored campaign results: `samsara/storeHistory` and
// `samsara/storeTranscript` browse the probe store (samsara.probes.store, the password sent by the
// client from its secret storage), and `samsara/campaignResults` opens a campaign's results again
// — from its results folder or from the store — judged with the campaign file's expectations,
// without sending anything. Registered by campaignEditor.ts with the other campaign requests.
import type { Connection } from 'vscode-languageserver';
import {
  CampaignResultsRequest,
  campaignResultsParamsSchema,
  StoreHistoryRequest,
  storeHistoryParamsSchema,
  StoreTranscriptRequest,
  storeTranscriptParamsSchema,
  type CampaignResult,
  type StoreHistory,
} from '../../../shared/lsp';
import { transcriptToMarkdown } from '../../../shared/probes/transcriptMarkdown';
import { displayUrl } from '../../../shared/redact';
import { readProbeSettings } from '../probes/probeCommand';
import { typed } from '../probes/typedHandler';
import { load, parse } from './campaignRequestInputs';
import { defaultResultsFolder } from './campaignLoader';
import { readResults, type JobResult } from './campaignResults';
import { campaignResultOf } from './campaignResultView';
import { listStored, readStoredTranscript, withProbeStore } from './probeStore';
import { readStoredResults } from './transcriptTable';

const passwordOf = (params: unknown): unknown => (params as { password?: unknown } | undefined)?.password;

export function registerStoreRequests(connection: Connection): void {
  connection.onRequest(
    StoreHistoryRequest,
    typed(async (raw): Promise<StoreHistory> => {
      const params = parse(storeHistoryParamsSchema, raw, 'samsara/storeHistory');
      const { store } = await readProbeSettings(connection, params.resource);
      if (store.trim() === '') return { store: '', entries: [], truncated: false };
      const listed = await withProbeStore(store, params.password, (pool) => listStored(pool));
      return { store: displayUrl(store), ...listed };
    }, passwordOf),
  );

  connection.onRequest(
    StoreTranscriptRequest,
    typed(async (raw): Promise<{ markdown: string }> => {
      const params = parse(storeTranscriptParamsSchema, raw, 'samsara/storeTranscript');
      const { store } = await readProbeSettings(connection, params.resource);
      const transcript = await withProbeStore(store, params.password, (pool) => readStoredTranscript(pool, params.campaign, params.key));
      return { markdown: transcriptToMarkdown(transcript) };
    }, passwordOf),
  );

  connection.onRequest(
    CampaignResultsRequest,
    typed(async (raw): Promise<CampaignResult> => {
      const params = parse(campaignResultsParamsSchema, raw, 'samsara/campaignResults');
      const { loaded, cwd, path } = await load(connection, params.uri);
      const name = loaded.campaign.name;
      let stored: Map<string, JobResult>;
      let where: string;
      if (params.source === 'files') {
        where = defaultResultsFolder(path, cwd, name);
        stored = await readResults(where);
      } else {
        const { store } = await readProbeSettings(connection, params.uri);
        where = displayUrl(store);
        stored = await withProbeStore(store, params.password, (pool) =>
          readStoredResults(pool, name, (key, problem) =>
            connection.console.warn(`Probe store: row ${key} of ${name} skipped: ${problem}`),
          ),
        );
      }
      const results = loaded.jobs.flatMap((job) => stored.get(job.key) ?? []);
      return {
        ...campaignResultOf(loaded, results, {
          skipped: results.length,
          interrupted: results.length < loaded.jobs.length,
          resultsFolder: where,
        }),
        reopened: true,
      };
    }, passwordOf),
  );
}
