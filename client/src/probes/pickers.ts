// The scenario quick pick (with the pseudonymisation toggle), remembering the last choice in
// globalState. The model pickers live in modelPicker.ts.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { scenarioListSchema, ScenariosRequest } from '../../../shared/lsp';
import { scenarioTurns, type Scenario } from '../../../shared/probes/scenario';
import * as settings from './probeSettings';

export { pickModel, pickModels, type PickerDeps } from './modelPicker';

const LAST_SCENARIO = 'samsara.probes.lastScenario';

/** The scenarios the server offers (it owns loading them); rejected ones are reported once. */
export async function loadScenarios(client: LanguageClient, log: vscode.LogOutputChannel): Promise<Scenario[]> {
  const resource = vscode.window.activeTextEditor?.document.uri.toString();
  const answer = scenarioListSchema.safeParse(await client.sendRequest(ScenariosRequest, resource ? { resource } : {}));
  if (!answer.success) throw new Error(`The language server sent an invalid scenario list: ${answer.error.issues[0]?.message}`);
  const { scenarios, problems } = answer.data;
  if (problems.length > 0) {
    for (const problem of problems) log.warn(`Scenario skipped: ${problem}`);
    void vscode.window.showWarningMessage(
      `Samsara: some probe scenarios were skipped. ${problems[0]}${problems.length > 1 ? ` (+${problems.length - 1} more in the log)` : ''}`,
    );
  }
  return scenarios;
}

export interface ScenarioChoice {
  scenario: Scenario;
  /** Labels to pseudonymise for this probe; [] = names sent as written. */
  pseudonymize: string[];
}

/**
 * The scenario, and the per-probe pseudonymisation toggle (a button in the picker's title bar):
 * on when samsara.probes.pseudonymize lists labels, and turned on with people, organisations and
 * places when it is empty. `first` puts a scenario at the top (the entity scenario for an entity).
 */
export async function pickScenario(
  context: vscode.ExtensionContext,
  scenarios: Scenario[],
  log: vscode.LogOutputChannel,
  first?: string,
): Promise<ScenarioChoice | undefined> {
  const last = context.globalState.get<string>(LAST_SCENARIO);
  const top = first ?? last;
  const items = scenarios
    .map((s) => ({ label: s.id, description: s.title, detail: `${scenarioTurns(s).length} turn(s)`, scenario: s }))
    .sort((a, b) => Number(b.label === top) - Number(a.label === top));
  const configured = settings.pseudonymize(log);
  const labels = configured.length > 0 ? configured : settings.DEFAULT_PSEUDONYMIZE;
  let on = configured.length > 0;
  const pick = vscode.window.createQuickPick<(typeof items)[number]>();
  pick.items = items;
  pick.placeholder = 'Scenario';
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  const show = (): void => {
    pick.title = `Samsara: Probe scenario${on ? ` — names pseudonymised (${labels.join(', ')})` : ''}`;
    pick.buttons = [
      {
        iconPath: new vscode.ThemeIcon(on ? 'eye-closed' : 'eye'),
        tooltip: on
          ? `Send names as written (now: ${labels.join(', ')} pseudonymised)`
          : `Pseudonymise ${labels.join(', ')} before sending`,
      },
    ];
  };
  show();
  pick.onDidTriggerButton(() => {
    on = !on;
    show();
  });
  const picked = await new Promise<(typeof items)[number] | undefined>((resolve) => {
    let done = false;
    pick.onDidAccept(() => {
      done = true;
      resolve(pick.activeItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
  if (!picked) return undefined;
  await context.globalState.update(LAST_SCENARIO, picked.scenario.id);
  return { scenario: picked.scenario, pseudonymize: on ? labels : [] };
}
