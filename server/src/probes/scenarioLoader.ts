// Where probe scenarios come from, in order of precedence: the built-ins, the
// `samsara.probes.scenarios` setting, then the workspace file `samsara.probes.scenarioFile`
// (relative to the first workspace folder). The server is the one owner of this rule: the
// client asks it for the list (samsara/scenarios) and the probe command resolves ids with it.
// In a restricted workspace the client's configuration middleware answers scenarioFile with the
// user's value or '' (no workspace file), so a repository cannot slip its scenarios in.
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../../shared/probes/scenario';
import { readBoundedText } from '../workspace/boundedRead';
import { UnknownScenarioError } from './errors';
import type { ProbeSettings } from './probeSettings';
import { BUILTIN_SCENARIOS, fromSource, mergeScenarios, parseScenarioFile, parseScenarioList, type ScenarioLoad } from './scenarios';

/** A scenario file larger than this is not read. */
export const MAX_SCENARIO_FILE_BYTES = 256 * 1024;

export interface ScenarioSources {
  settings: Pick<ProbeSettings, 'scenarios' | 'scenarioFile'>;
  /** file: URIs of the workspace folders (the first one anchors a relative scenario file). */
  workspaceFolders(): Promise<readonly string[]>;
}

/** Every scenario, with one problem line per rejected entry or unreadable file. */
export async function loadScenarios(sources: ScenarioSources): Promise<ScenarioLoad & { file?: string }> {
  const parsed = parseScenarioList(sources.settings.scenarios, 'samsara.probes.scenarios');
  const fromSettings = fromSource(parsed.scenarios, 'settings', 'samsara.probes.scenarios');
  const { load, path } = await loadScenarioFile(sources);
  const fromFile = path ? fromSource(load.scenarios, 'workspace', path) : { scenarios: [], problems: [] };
  return {
    scenarios: mergeScenarios(BUILTIN_SCENARIOS, fromSettings.scenarios, fromFile.scenarios),
    problems: [...parsed.problems, ...fromSettings.problems, ...load.problems, ...fromFile.problems],
    ...(path && load.scenarios.length > 0 ? { file: path } : {}),
  };
}

/** The scenario an id names (default: summarize); a whole scenario is taken as given. */
export async function resolveScenario(
  requested: string | Scenario | undefined,
  sources: ScenarioSources,
): Promise<ScenarioLoad & { scenario: Scenario; file?: string }> {
  if (typeof requested === 'object') return { scenario: requested, scenarios: [requested], problems: [] };
  const id = requested ?? 'summarize';
  const loaded = await loadScenarios(sources);
  const found = loaded.scenarios.find((s) => s.id === id);
  if (!found) {
    const known = loaded.scenarios.map((s) => s.id);
    throw new UnknownScenarioError(id, loaded.problems.length > 0 ? [...known, `(rejected: ${loaded.problems.join('; ')})`] : known);
  }
  return { ...loaded, scenario: found };
}

/** The scenario file's scenarios, and its path when it was read. */
async function loadScenarioFile(sources: ScenarioSources): Promise<{ load: ScenarioLoad; path?: string }> {
  const none = { load: { scenarios: [], problems: [] } };
  const file = sources.settings.scenarioFile.trim();
  if (file === '') return none;
  let path = file;
  let root: string | undefined;
  if (!isAbsolute(file)) {
    const first = (await sources.workspaceFolders()).find((uri) => uri.startsWith('file:'));
    if (!first) return none;
    root = fileURLToPath(first);
    path = join(root, file);
  }
  let text: string;
  try {
    // A workspace's file stays in its folder; none blocks (a FIFO) or runs past the cap.
    text = await readBoundedText(path, MAX_SCENARIO_FILE_BYTES, root);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { load: { scenarios: [], problems: missing ? [] : [`${path}: cannot read: ${(error as Error).message}`] } };
  }
  return { load: parseScenarioFile(text, path), path };
}
