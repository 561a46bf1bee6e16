// The probe feature's custom requests: `samsara/scenarios` lists what the probe command would
// accept, loaded by the same code that resolves a scenario id, so the client's picker and the
// server can never disagree.
import type { Connection } from 'vscode-languageserver';
import { ScenariosRequest, type ScenarioList } from '../../../shared/lsp';
import { readProbeSettings, scenarioSources } from './probeCommand';
import { loadScenarios } from './scenarioLoader';

export function registerProbeRequests(connection: Connection): void {
  connection.onRequest(ScenariosRequest, async (params): Promise<ScenarioList> => {
    const settings = await readProbeSettings(connection, params.resource);
    const { scenarios, problems } = await loadScenarios(scenarioSources(connection, settings));
    for (const problem of problems) connection.console.warn(`Scenario skipped: ${problem}`);
    return { scenarios, problems };
  });
}
