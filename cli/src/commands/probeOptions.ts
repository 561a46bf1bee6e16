// The options of `samsara probe`, parsed and checked: a usage error (exit 2) names the option.
import { readFile } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { parseCliArgs, UsageError } from '../cliContext';

export const PROBE_USAGE = `Usage:
  samsara probe --model <provider:model | model-id> --prompt <text> [options]
  samsara probe --model <…> --scenario <id> --file <path> [--selection-lines <a-b>] [options]

Options:
  --model <spec>            provider:model (openai:gpt-5.4-mini, ollama:llama3.1) or a model id whose provider is clear (claude-haiku-4-5)
  --prompt <text>           send this text as the only turn
  --scenario <id>           a scenario (built-in: summarize, entities, critique, who, about-entity; or from --scenario-file)
  --file <path>             the text the scenario is about (default: all of it); {{document}} is the whole file, {{file}} its path
  --selection-lines <a-b>   only lines a to b of --file (1-based, inclusive)
  --scenario-file <path>    more scenarios, JSON or YAML (default: .samsara/scenarios.yaml if present)
  --pseudonymize <LABELS>   replace names of these entity labels (e.g. PERSON,ORG) by placeholders before sending
  --no-fidelity             do not work out which names each answer keeps, drops or adds (no sidecar is started for it)
  --fidelity                work them out for --prompt too
  --sidecar <path>          a sidecar executable instead of the bundled one
  --pipeline <name>         the spaCy pipeline it loads (default en_core_web_sm)
  --out <dir>               write the transcript there, as JSON and Markdown
  --base-url <url>          the provider's address (a proxy, a local server); OLLAMA_HOST is read for Ollama
  --no-stream               wait for whole answers instead of printing them as they arrive
  --timeout-ms <n>          per request (default 60000)
  --max-retries <n>         of a retryable failure (default 3)
  --confirm-above-usd <n>   refuse to send when the estimated cost is above n dollars, unless --yes
  --yes                     send even above --confirm-above-usd

A sidecar (spaCy) is started only when the probe needs entities: entity fidelity (on by default
with --file), {{entities}} in the scenario, or --pseudonymize.

Keys are read from OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY or GEMINI_API_KEY, XAI_API_KEY,
DEEPSEEK_API_KEY, MISTRAL_API_KEY. Exit: 0 done, 2 usage error, 3 provider error (retryable),
4 provider error (permanent), 130 interrupted.`;

export function probeOptions(args: string[]) {
  return parseCliArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      model: { type: 'string' },
      prompt: { type: 'string' },
      scenario: { type: 'string' },
      file: { type: 'string' },
      'selection-lines': { type: 'string' },
      'scenario-file': { type: 'string' },
      pseudonymize: { type: 'string' },
      fidelity: { type: 'boolean' },
      'no-fidelity': { type: 'boolean' },
      sidecar: { type: 'string' },
      pipeline: { type: 'string' },
      out: { type: 'string' },
      'base-url': { type: 'string' },
      'no-stream': { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      'max-retries': { type: 'string' },
      'confirm-above-usd': { type: 'string' },
      yes: { type: 'boolean' },
    },
  }).values;
}

export type ProbeOptions = ReturnType<typeof probeOptions>;

export function integer(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}, not "${value}"`);
  return n;
}

/** --pseudonymize PERSON,ORG as labels (upper case, as spaCy names them). */
export function pseudonymizeLabels(value: string | undefined): string[] {
  if (value === undefined) return [];
  const labels = value
    .split(',')
    .map((l) => l.trim().toUpperCase())
    .filter(Boolean);
  const bad = labels.find((l) => !/^[A-Z][A-Z0-9_]*$/.test(l));
  if (labels.length === 0 || bad !== undefined) {
    throw new UsageError(`--pseudonymize expects entity labels separated by commas (e.g. PERSON,ORG), not "${value}"`);
  }
  return [...new Set(labels)];
}

/** What the CLI says on stderr when it read scenarios from a file (it never does so silently). */
export function scenarioFileNote(file: string, id: string): string {
  return `samsara: scenarios read from ${file} (scenario "${id}")`;
}

/**
 * Lines a..b (1-based, inclusive) of a text, exactly those: a line ends at \r\n, \n or a lone \r,
 * as in the editor (a lone \r inside "line 2" once carried line 3 along, issue 20).
 */
export function selectLines(text: string, spec: string): string {
  const match = /^(\d+)-(\d+)$/.exec(spec.trim());
  if (!match) throw new UsageError(`--selection-lines expects a-b (e.g. 3-9), not "${spec}"`);
  const [from, to] = [Number(match[1]), Number(match[2])];
  const lines = text.split(/\r\n|\r|\n/);
  if (from < 1 || to < from || from > lines.length)
    throw new UsageError(`--selection-lines ${spec} is outside the file's ${lines.length} lines`);
  return lines.slice(from - 1, to).join('\n');
}

export interface ProbeInput {
  /** The selection: the text the probe is about. */
  text: string;
  /** The whole file ({{document}}), with --file. */
  document?: string;
  /** The file's path relative to the current directory ({{file}}). */
  file?: string;
}

export async function probeInput(o: ProbeOptions, cwd: string): Promise<ProbeInput> {
  if (o.prompt !== undefined) {
    if (o.file !== undefined || o.scenario !== undefined) throw new UsageError('--prompt goes alone: without --file and --scenario');
    return { text: o.prompt };
  }
  if (o.file === undefined) throw new UsageError('give --prompt <text>, or --file <path> (with --scenario)');
  const path = resolve(cwd, o.file);
  let document: string;
  try {
    document = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --file ${o.file}: ${(error as Error).message}`);
  }
  const text = o['selection-lines'] ? selectLines(document, o['selection-lines']) : document;
  const rel = relative(cwd, path);
  return { text, document, file: (rel.startsWith('..') ? path : rel).split(sep).join('/') };
}
