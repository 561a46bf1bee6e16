// "Probe this entity" (the hover's link and the code action, both from the language server): the
// entity's sentence is the probe's text ({{selection}}) and the entity its {{entity}}. The user
// picks the scenario (the entity scenario first) and the model, as for any probe.
import * as vscode from 'vscode';
import { probeEntityArgsSchema } from '../../../shared/lsp';
import { loadScenarios, pickScenario } from './pickers';
import { probeOne, type ProbeUi } from './probeCommands';

export const ENTITY_SCENARIO = 'about-entity';

export async function probeEntity(ui: ProbeUi, raw: unknown): Promise<void> {
  const parsed = probeEntityArgsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`samsara.probeEntity got an invalid argument: ${parsed.error.issues[0]?.message}`);
  const { uri, entity, sentence } = parsed.data;
  const choice = await pickScenario(ui.context, await loadScenarios(ui.client, ui.log), ui.log, ENTITY_SCENARIO);
  if (!choice) return;
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  await probeOne(ui, { text: sentence, source: { uri, entity }, document }, choice);
}
