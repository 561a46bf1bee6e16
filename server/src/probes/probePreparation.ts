// Everything a probe works out before its first request: the selection's entities (for
// {{entities}} and for the fidelity of every reply), each turn's prompt with its variables filled
// in, and — when pseudonymisation is on — the same prompts with names replaced by placeholders,
// which are what is sent. Every prompt is known up front (follow-ups do not depend on answers),
// so each name gets its placeholder once, numbered in the order the selection mentions them.
import type { NamedEntity } from '../../../shared/probes/fidelity';
import { scenarioTemplates, scenarioTurns, type Scenario } from '../../../shared/probes/scenario';
import { usesVariable } from '../../../shared/probes/templateVariables';
import { EntitiesUnavailableError } from './errors';
import { pathForTagger, Pseudonymizer, type EntitySpan } from './pseudonymizer';
import { renderTemplate, type TemplateValues } from './templates';

/** The sidecar's analysis, injected (the language server's supervisor or pool; the CLI's own sidecar). */
export type Analyze = (texts: string[]) => Promise<EntitySpan[][]>;

export interface PreparationInput {
  scenario: Scenario;
  selection: string;
  document?: string;
  file?: string;
  entity?: NamedEntity;
  analyze?: Analyze;
  /** Labels whose names are replaced before sending; empty: pseudonymisation off. */
  pseudonymize?: readonly string[];
}

export interface PreparedTurn {
  role: 'prompt' | 'followUp';
  label?: string;
  /** With the real names: what the user reads. */
  prompt: string;
  /** What is sent (the prompt itself unless pseudonymised). */
  sent: string;
}

export interface PreparedProbe {
  preamble: { real: string; sent: string };
  turns: PreparedTurn[];
  /** The selection's entities; undefined when they could not be (or were not asked to be) found. */
  sourceEntities?: NamedEntity[];
  /** Why the selection's entities are unknown, when the sidecar was asked and failed. */
  entitiesProblem?: string;
  pseudonymizer?: Pseudonymizer;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function prepareProbe(input: PreparationInput): Promise<PreparedProbe> {
  const labels = [...new Set(input.pseudonymize ?? [])];
  const templates = scenarioTemplates(input.scenario);
  const needsEntities = labels.length > 0 || usesVariable(templates, 'entities');
  const why = labels.length > 0 ? `Pseudonymisation of ${labels.join(', ')} is on` : 'The scenario uses {{entities}}';
  let selectionSpans: EntitySpan[] | undefined;
  let entitiesProblem: string | undefined;
  if (input.analyze) {
    try {
      [selectionSpans] = await input.analyze([input.selection]);
    } catch (error) {
      if (needsEntities) throw new EntitiesUnavailableError(why, message(error));
      entitiesProblem = `the language model could not find the selection's names: ${message(error)}`;
    }
  } else if (needsEntities) {
    throw new EntitiesUnavailableError(why, 'no sidecar is running');
  }
  const sourceEntities = selectionSpans?.map((e) => ({ text: e.text, label: e.label }));
  const values: TemplateValues = {
    selection: input.selection,
    entities: sourceEntities,
    document: input.document,
    file: input.file,
    entity: input.entity?.text,
  };
  const preamble = renderTemplate(input.scenario.preamble, values);
  const turns = scenarioTurns(input.scenario).map((t) => {
    const prompt = renderTemplate(t.prompt, values);
    return { role: t.role, ...(t.label ? { label: t.label } : {}), prompt, sent: prompt };
  });
  const prepared: PreparedProbe = { preamble: { real: preamble, sent: preamble }, turns, sourceEntities, entitiesProblem };
  if (labels.length === 0 || !input.analyze) return prepared;

  // The sources of every name sent: the selection (analysed above), the scenario's own texts as
  // written (a preamble may name someone), and the document when {{document}} sends it. The
  // prompts as rendered are not analysed: their generated parts ("Ada Lovelace (PERSON)" lines)
  // make the tagger see names in labels; every name they hold comes from these sources anyway.
  const sources = [...templates, ...(input.document !== undefined && usesVariable(templates, 'document') ? [input.document] : [])];
  // {{file}} is sent too: its names are found like the selection's (issue 20: a path leaked them).
  if (input.file !== undefined && usesVariable(templates, 'file')) sources.push(pathForTagger(input.file));
  let spans: EntitySpan[][];
  try {
    spans = await input.analyze(sources);
  } catch (error) {
    throw new EntitiesUnavailableError(why, message(error));
  }
  const sent = [preamble, ...turns.map((t) => t.prompt)];
  const pseudonymizer = new Pseudonymizer(new Set(labels), [input.selection, input.document ?? '', ...sent]);
  // The selection first, so placeholders are numbered in the order the selection names people.
  pseudonymizer.register(input.selection, selectionSpans ?? []);
  // The entity of "Probe this entity" is hidden even where the tagger would not find it alone.
  if (input.entity && labels.includes(input.entity.label)) pseudonymizer.placeholderFor(input.entity.text, input.entity.label);
  sources.forEach((text, i) => pseudonymizer.register(text, spans[i] ?? []));
  // Every text sent is masked by searching it for every name of the run.
  prepared.preamble.sent = pseudonymizer.mask(preamble, []);
  turns.forEach((turn) => (turn.sent = pseudonymizer.mask(turn.prompt, [])));
  prepared.pseudonymizer = pseudonymizer;
  return prepared;
}
