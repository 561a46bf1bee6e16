// The editor's front door to the local campaign runner: `samsara/campaignPlan` (what a campaign
// file would run, so the client sends exactly the keys its models need and the user confirms) and
// `samsara/runCampaign` (the same runCampaign the CLI uses, with the editor's probe settings, its
// remedies and the sidecar's entities; $/progress per job; a cancelled request stops new jobs and
// answers what finished). Results are kept in the same folder as `samsara campaign run` keeps
// them (by content key), so either front door resumes the other's run. Each new transcript is
// also saved where probe transcripts go, with the group `campaign:<name>` (the Probe History
// groups by it).
import type { Connection } from 'vscode-languageserver';
import {
  CampaignPlanRequest,
  campaignGroup,
  campaignPlanParamsSchema,
  RunCampaignRequest,
  runCampaignParamsSchema,
  type CampaignPlan,
  type CampaignResult,
} from '../../../shared/lsp';
import type { Transcript } from '../../../shared/probes/transcript';
import { editorRemedy } from '../probes/editorRemedy';
import { readProbeSettings, toResponseError } from '../probes/probeCommand';
import { transcriptStore } from '../probes/probeEnvironment';
import { parseModelRef } from '../probes/providers';
import { typed } from '../probes/typedHandler';
import { defaultResultsFolder } from './campaignLoader';
import { load, parse } from './campaignRequestInputs';
import { readResults } from './campaignResults';
import { campaignResultOf } from './campaignResultView';
import { runCampaign } from './campaignRunner';
import type { AnalyzeIn } from './passageLanguage';
import { registerStoreRequests } from './storeRequests';

/** What a campaign run finds names with: each passage's language's model, under the campaign file's samsara.language. */
export interface CampaignLanguages {
  analyzeIn: AnalyzeIn;
  /** `samsara.language` for the campaign file (resource scope): the language of passages whose campaign names none. */
  languageSetting(uri: string): Promise<string>;
}

export function registerCampaignRequests(connection: Connection, languages?: CampaignLanguages): void {
  registerStoreRequests(connection);
  connection.onRequest(
    CampaignPlanRequest,
    typed(async (raw): Promise<CampaignPlan> => {
      const { uri } = parse(campaignPlanParamsSchema, raw, 'samsara/campaignPlan');
      const { loaded, cwd, path } = await load(connection, uri);
      const resultsFolder = defaultResultsFolder(path, cwd, loaded.campaign.name);
      const stored = await readResults(resultsFolder);
      const models = [...new Set(loaded.jobs.map((j) => j.model))];
      return {
        campaign: loaded.campaign.name,
        jobs: loaded.jobs.length,
        done: loaded.jobs.filter((j) => stored.has(j.key)).length,
        models,
        providers: [...new Set(models.map((m) => parseModelRef(m).provider))],
        resultsFolder,
      };
    }),
  );

  connection.onRequest(RunCampaignRequest, async (raw, token): Promise<CampaignResult> => {
    const progress = connection.window.attachWorkDoneProgress(raw?.workDoneToken);
    let keys: Record<string, string> = {};
    try {
      const params = parse(runCampaignParamsSchema, raw, 'samsara/runCampaign');
      keys = params.apiKeys;
      const { loaded, cwd, path } = await load(connection, params.uri, await languages?.languageSetting(params.uri));
      const name = loaded.campaign.name;
      const settings = await readProbeSettings(connection, params.uri);
      const store = await transcriptStore(connection, settings);
      const resultsFolder = defaultResultsFolder(path, cwd, name);
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      if (token.isCancellationRequested) abort.abort();
      // Saved one after another (the store picks a free file name for each), in the order jobs end.
      const saved = new Map<string, string>();
      let saving = Promise.resolve();
      let saveProblem: string | undefined;
      const save = (key: string, transcript: Transcript): void => {
        saving = saving.then(async () => {
          try {
            const marked = { ...transcript, run: { ...transcript.run, group: campaignGroup(name) } };
            saved.set(key, (await store.save(marked)).json);
          } catch (error) {
            saveProblem = `Some transcripts were not saved: ${error instanceof Error ? error.message : String(error)}`;
          }
        });
      };
      const total = loaded.jobs.length;
      progress.begin(`Campaign ${name}`, 0, `0/${total} jobs`, true);
      try {
        const run = await runCampaign({
          campaign: name,
          jobs: loaded.jobs,
          resultsFolder,
          keys: (provider) => keys[provider],
          baseUrls: (provider) => settings.baseUrls[provider],
          settings,
          concurrency: settings.concurrency,
          signal: abort.signal,
          ...(languages ? { analyzeIn: languages.analyzeIn } : {}),
          remedy: editorRemedy,
          onJob: ({ done, job, result }) => {
            if (result) save(job.key, result.transcript);
            progress.report(Math.round((done / Math.max(1, total)) * 100), `${done}/${total} jobs · ${job.model} · ${job.passage.id}`);
          },
        });
        await saving;
        const result = campaignResultOf(loaded, run.results, {
          skipped: run.skipped,
          interrupted: run.interrupted,
          resultsFolder,
          saved,
          ...(saveProblem ? { saveProblem } : {}),
        });
        const met = result.rows.reduce((n, r) => n + r.cells.filter((c) => c.passed).length, 0);
        connection.console.info(
          `Campaign ${name}: ${run.results.length}/${total} jobs done (${run.skipped} already), ${met} met every expectation${run.interrupted ? '; cancelled (run again to resume)' : ''}.`,
        );
        if (saveProblem) connection.console.error(saveProblem);
        return result;
      } finally {
        subscription.dispose();
      }
    } catch (error) {
      throw toResponseError(error, Object.values(keys));
    } finally {
      progress.done();
    }
  });
}
