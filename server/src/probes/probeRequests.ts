// The probe feature's custom requests, each answered by the same engine code the probe command
// and the command line use, so no front door can disagree with another:
//   samsara/scenarios         what the probe command would accept
//   samsara/probeEstimate     input tokens and cost before sending (for the confirmation)
//   samsara/models            what a provider lists for a key (cached)
//   samsara/transcripts, samsara/renderTranscript, samsara/saveComparison   the transcript folder
//   samsara/campaignPlan, samsara/runCampaign   a campaign file (server/src/campaigns/campaignEditor.ts)
import type { Connection } from 'vscode-languageserver';
import {
  ModelsRequest,
  ProbeEstimateRequest,
  probeEstimateParamsSchema,
  RenderTranscriptRequest,
  SaveComparisonRequest,
  ScenariosRequest,
  TranscriptsRequest,
  type ModelList,
  type ProbeEstimateResult,
  type ScenarioList,
} from '../../../shared/lsp';
import { registerCampaignRequests, type CampaignLanguages } from '../campaigns/campaignEditor';
import { estimateProbe, priceOf } from './cost';
import { InvalidArgumentsError } from './errors';
import { ModelListCache } from './modelLists';
import { readProbeSettings, scenarioSources } from './probeCommand';
import { fileLabel, transcriptStore } from './probeEnvironment';
import { registerHistoryRequests } from './probeHistoryRequests';
import { parseModelRef, resolveEndpoint } from './providers';
import { loadScenarios, resolveScenario } from './scenarioLoader';
import { counterFor } from './tokens';
import { typed } from './typedHandler';

const modelLists = new ModelListCache();

/** `languages`: the entities of a campaign's passages and answers, in each passage's language ("no name outside the source"). */
export function registerProbeRequests(connection: Connection, languages?: CampaignLanguages): void {
  registerHistoryRequests(connection);
  registerCampaignRequests(connection, languages);
  connection.onRequest(ScenariosRequest, async (params): Promise<ScenarioList> => {
    const settings = await readProbeSettings(connection, params.resource);
    const { scenarios, problems } = await loadScenarios(scenarioSources(connection, settings));
    for (const problem of problems) connection.console.warn(`Scenario skipped: ${problem}`);
    return { scenarios, problems };
  });

  connection.onRequest(
    ProbeEstimateRequest,
    typed(async (raw): Promise<ProbeEstimateResult> => {
      const parsed = probeEstimateParamsSchema.safeParse(raw);
      if (!parsed.success) throw new InvalidArgumentsError(`samsara/probeEstimate: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      const { text, models, scenario: requested, document, uri, entity } = parsed.data;
      const settings = await readProbeSettings(connection);
      const { scenario } = await resolveScenario(requested, scenarioSources(connection, settings));
      const values = { selection: text, document, file: uri ? await fileLabel(connection, uri) : undefined, entity: entity?.text };
      const estimates: ProbeEstimateResult['estimates'] = [];
      for (const model of models) {
        try {
          const ref = parseModelRef(model);
          const estimate = estimateProbe(
            await counterFor(ref.provider, ref.model),
            scenario,
            values,
            priceOf(settings.prices, ref.provider, ref.model),
          );
          estimates.push({ model, estimate });
        } catch (error) {
          estimates.push({ model, problem: error instanceof Error ? error.message : String(error) });
        }
      }
      const totalUsd = estimates.reduce((sum, e) => sum + (e.estimate?.costUsd ?? 0), 0);
      return {
        estimates,
        totalUsd: Math.round(totalUsd * 1e8) / 1e8,
        confirmAboveUsd: settings.confirmAboveUsd,
        confirmAboveChars: settings.confirmAboveChars,
      };
    }),
  );

  connection.onRequest(
    ModelsRequest,
    typed(
      async (params): Promise<ModelList> => {
        const settings = await readProbeSettings(connection);
        const ref = parseModelRef(`${params.provider}:list`);
        const endpoint = resolveEndpoint(ref, params.apiKey, settings.baseUrls[ref.provider]);
        const listed = await modelLists.get(endpoint, Math.min(settings.timeoutMs, 15_000), params.refresh === true);
        return {
          provider: ref.provider,
          models: listed.models,
          cached: listed.cached,
          ...(listed.problem ? { problem: listed.problem } : {}),
        };
      },
      (params) => params.apiKey,
    ),
  );

  connection.onRequest(
    TranscriptsRequest,
    typed(async (params) => {
      const store = await transcriptStore(connection, await readProbeSettings(connection, params.resource));
      return { folder: store.folder, items: await store.list() };
    }),
  );

  connection.onRequest(
    RenderTranscriptRequest,
    typed(async (params) => {
      const store = await transcriptStore(connection, await readProbeSettings(connection));
      const { migratedFrom } = await store.read(params.json);
      const markdown = await store.render(params.json);
      return migratedFrom === undefined ? { markdown } : { markdown, migratedFrom };
    }),
  );

  connection.onRequest(
    SaveComparisonRequest,
    typed(async (params) => {
      const store = await transcriptStore(connection, await readProbeSettings(connection));
      const transcripts = await Promise.all(params.json.map(async (path) => (await store.read(path)).transcript));
      return { markdown: await store.saveComparison(transcripts) };
    }),
  );
}
