// Probe scenarios: built-in ones plus user-defined ones from settings and a workspace file
// (JSON or YAML). Each entry is validated on its own, so one bad scenario is reported with
// its file, id and field path while the valid ones still load.
import { parseJsonSafely, parseYamlSafely } from '../../../shared/safeYaml';
import { BUILTIN_SCENARIO_IDS, scenarioSchema, type Scenario } from '../../../shared/probes/scenario';

export const BUILTIN_SCENARIOS: readonly Scenario[] = [
  {
    id: 'summarize',
    title: 'Summarise, then follow up',
    preamble: 'You are a careful reader. Answer only from the text you are given; say so when the text does not say.',
    prompt: 'Summarise the following text in three sentences.\n\n"""\n{{selection}}\n"""',
    followUps: [
      'What is the single most important claim in the text, and what supports it?',
      'What does the text leave out or assume without saying?',
    ],
  },
  {
    id: 'entities',
    title: 'People, organisations and places',
    preamble: 'You extract named entities precisely. List only names that appear in the text.',
    prompt: 'Which people, organisations and places are mentioned in the following text? Answer as three lists.\n\n"""\n{{selection}}\n"""',
    followUps: [
      'Check your lists against the text again: remove anything not literally mentioned and add anything you missed. Give the corrected lists.',
    ],
  },
  {
    id: 'critique',
    title: 'Critique the argument',
    preamble: 'You are a fair but demanding editor.',
    prompt: 'Critique the following text: its clarity, its argument, and its weakest point.\n\n"""\n{{selection}}\n"""',
    followUps: ['Rewrite the weakest sentence to fix the problem you found.'],
  },
  {
    id: 'who',
    title: 'Who is mentioned?',
    preamble: 'You read closely and answer only from the text you are given.',
    prompt: [
      'Who and what is mentioned in the following passage from {{file}}? For each person, say in one line what the passage says about them.',
      '',
      '"""',
      '{{selection}}',
      '"""',
      '',
      'A named-entity tagger found these names (it can be wrong or incomplete):',
      '{{entities}}',
    ].join('\n'),
    followUps: [
      {
        label: 'Check the people',
        prompt:
          'The tagger found these people:\n{{entities.PERSON}}\n\nIs each of them really mentioned in the passage? Is anyone missing?',
      },
      {
        label: 'Relations',
        prompt: 'How are the people and organisations of the passage related to each other, according to the passage alone?',
      },
    ],
    temperature: 0.2,
    maxTokens: 800,
  },
  {
    id: 'about-entity',
    title: 'What does the passage say about the entity?',
    preamble: 'You answer only from the text you are given; say so when the text does not say.',
    prompt: 'What does this passage say about {{entity}}?\n\n"""\n{{selection}}\n"""',
    followUps: [{ label: 'Unsupported claims', prompt: 'Which of your statements about {{entity}} go beyond what the passage says?' }],
    temperature: 0.2,
  },
];

export { renderTemplate } from './templates';

export interface ScenarioLoad {
  scenarios: Scenario[];
  /** One line per rejected entry or unreadable source, naming the source and the field path. */
  problems: string[];
}

/** Validates a list of scenarios from `source`: an array, or an object with a `scenarios` array. */
export function parseScenarioList(raw: unknown, source: string): ScenarioLoad {
  const container = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'scenarios' in raw;
  const list = container ? (raw as { scenarios: unknown }).scenarios : raw;
  const prefix = container ? 'scenarios' : '';
  if (raw === undefined || raw === null) return { scenarios: [], problems: [] };
  if (!Array.isArray(list)) {
    return { scenarios: [], problems: [`${source}: ${prefix || '(root)'}: expected a list of scenarios`] };
  }
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  list.forEach((item, index) => {
    const result = scenarioSchema.safeParse(item);
    if (result.success) {
      scenarios.push(result.data);
      return;
    }
    // The scenario's id, when it has one, names it beside the field path.
    const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    const named = typeof id === 'string' && id !== '' ? ` (scenario "${id}")` : '';
    for (const issue of result.error.issues) {
      const path = [`${prefix}[${index}]`, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))].join('');
      problems.push(`${source}: ${path}${named}: ${issue.message}`);
    }
  });
  return { scenarios, problems };
}

/** Parses a scenario file's text; YAML is a superset of JSON, so one parser reads both. */
export function parseScenarioFile(text: string, fileName: string): ScenarioLoad {
  const json = fileName.toLowerCase().endsWith('.json');
  const parsed = json ? parseJsonSafely(text) : parseYamlSafely(text);
  if (!parsed.ok) {
    const where = parsed.line !== undefined ? ` (line ${parsed.line})` : '';
    return { scenarios: [], problems: [`${fileName}${where}: not valid ${json ? 'JSON' : 'YAML'}: ${parsed.message}`] };
  }
  return parseScenarioList(parsed.value, fileName);
}

/**
 * Scenarios of one source beyond the built-ins, marked with where they come from (their title
 * says it in the picker) and kept out of the built-ins' ids: a repository's scenario file (or its
 * workspace settings) must not redefine `summarize` to send the whole document under a name the
 * user trusts (issue 20, attack 6). A clashing id is kept as `<namespace>.<id>`, and said so.
 */
export function fromSource(list: readonly Scenario[], namespace: 'settings' | 'workspace', where: string): ScenarioLoad {
  const builtIn = new Set(BUILTIN_SCENARIO_IDS);
  const problems: string[] = [];
  const scenarios = list.map((scenario) => {
    const title = `${scenario.title} (from ${where})`;
    if (!builtIn.has(scenario.id)) return { ...scenario, title };
    const id = `${namespace}.${scenario.id}`;
    problems.push(`${where}: scenario "${scenario.id}" cannot replace the built-in one of that id; it is offered as "${id}"`);
    return { ...scenario, id, title };
  });
  return { scenarios, problems };
}

/** Built-ins, then settings, then the workspace file; a later scenario replaces an earlier one with its id. */
export function mergeScenarios(...sources: ReadonlyArray<readonly Scenario[]>): Scenario[] {
  const byId = new Map<string, Scenario>();
  for (const list of sources) for (const scenario of list) byId.set(scenario.id, scenario);
  return [...byId.values()];
}
