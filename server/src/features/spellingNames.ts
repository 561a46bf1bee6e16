// `samsara/spellingNames`: the names a spell checker should accept, for the client's "Add Names to
// Spelling Dictionaries": the known names of the entity rules and the names found (PERSON, ORG,
// GPE, LOC, NORP, FAC, PRODUCT, EVENT, WORK_OF_ART, and the rules' own labels) in the open
// documents. Scope `workspace` reads every document of the workspace where a workspace index is
// plugged in (`NameSources.workspace`); without one the answer says it read the open documents.
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { NAME_LABELS, isOntoNotesLabel } from '../../../shared/entityLabels';
import { SpellingNamesParamsSchema, SpellingNamesRequest, type SpellingName, type SpellingNamesResult } from '../../../shared/lsp';
import type { EntityModel } from '../entities/entityModel';
import { normaliseEntityText } from '../entities/normalise';
import type { EntityRules } from '../protocol/sidecar';

/** Names of one scope: each distinct (label, text) with its mentions. */
export interface FoundNames {
  documents: number;
  names: { text: string; label: string; mentions: number }[];
}

export interface NameSources {
  /** The latest entity models of the open documents. */
  openModels(): EntityModel[];
  /** Every document of the workspace (a workspace index), if the server has one. */
  workspace?(labels: ReadonlySet<string>): Promise<FoundNames>;
  /** The entity rules in effect. */
  rules(): EntityRules;
}

/** Names in `models` with one of `labels`, mentions summed over the documents. */
export function namesInModels(models: readonly EntityModel[], labels: ReadonlySet<string>): FoundNames {
  const byKey = new Map<string, { text: string; label: string; mentions: number }>();
  for (const model of models) {
    for (const group of model.groups) {
      if (!labels.has(group.label)) continue;
      for (const entity of group.entities) {
        const key = `${entity.label}:${normaliseEntityText(entity.text)}`;
        const seen = byKey.get(key);
        if (seen) seen.mentions += entity.mentions.length;
        else byKey.set(key, { text: entity.text.replace(/\s+/g, ' '), label: entity.label, mentions: entity.mentions.length });
      }
    }
  }
  return { documents: models.length, names: [...byKey.values()] };
}

export async function spellingNames(raw: unknown, sources: NameSources): Promise<SpellingNamesResult> {
  const params = SpellingNamesParamsSchema.safeParse(raw ?? {});
  if (!params.success) {
    throw new ResponseError(ErrorCodes.InvalidParams, `samsara/spellingNames: ${params.error.issues[0]?.message ?? 'bad shape'}`);
  }
  const rules = sources.rules();
  // The rules' own labels (CHARACTER, SHIP…) are names the user declared.
  const custom = rules.known.map((entry) => entry.label).filter((label) => !isOntoNotesLabel(label));
  const labels = new Set(params.data.labels ?? [...NAME_LABELS, ...custom]);
  const useWorkspace = params.data.scope === 'workspace' && sources.workspace !== undefined;
  const found = useWorkspace && sources.workspace ? await sources.workspace(labels) : namesInModels(sources.openModels(), labels);
  const names = new Map<string, SpellingName>();
  for (const entry of rules.known) {
    if (!('text' in entry) || !labels.has(entry.label)) continue;
    const key = `${entry.label}:${normaliseEntityText(entry.text)}`;
    if (!names.has(key)) names.set(key, { text: entry.text, label: entry.label, source: 'known', mentions: 0 });
  }
  for (const name of found.names) {
    const key = `${name.label}:${normaliseEntityText(name.text)}`;
    const known = names.get(key);
    if (known) known.mentions += name.mentions;
    else names.set(key, { ...name, source: 'found' });
  }
  const sorted = [...names.values()].sort((a, b) => b.mentions - a.mentions || a.text.localeCompare(b.text));
  return { scope: useWorkspace ? 'workspace' : 'open', documents: found.documents, names: sorted };
}

export function registerSpellingNames(connection: Connection, sources: NameSources): void {
  connection.onRequest(SpellingNamesRequest, (params: unknown) => spellingNames(params, sources));
}
