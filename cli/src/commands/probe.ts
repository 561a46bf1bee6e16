// `samsara probe`: one probe from the command line, through the same engine as the editor.
//   samsara probe --model ollama:llama3.1 --prompt "hello"
//   samsara probe --scenario summarize --file notes.md --selection-lines 3-9 --model claude-haiku-4-5 --out probes/
// Keys come from the environment only (OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY or
// GEMINI_API_KEY, XAI_API_KEY, DEEPSEEK_API_KEY, MISTRAL_API_KEY) and are never printed.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { providerLabel, PROVIDERS } from '../../../shared/probes/providers';
import type { Scenario } from '../../../shared/probes/scenario';
import type { Transcript } from '../../../shared/probes/transcript';
import { usd } from '../../../shared/probes/transcriptMarkdown';
import { SamsaraError } from '../../../shared/errors';
import { estimateProbe, priceOf } from '../../../server/src/probes/cost';
import { runProbe } from '../../../server/src/probes/probeRunner';
import { DEFAULT_PRICES } from '../../../server/src/probes/probeSettings';
import { parseModelRef, resolveEndpoint } from '../../../server/src/probes/providers';
import { DEFAULT_RETRY } from '../../../server/src/probes/retryPolicy';
import { resolveScenario } from '../../../server/src/probes/scenarioLoader';
import { Semaphore } from '../../../server/src/probes/semaphore';
import { counterFor } from '../../../server/src/probes/tokens';
import { TranscriptStore } from '../../../server/src/probes/transcriptStore';
import { EXIT, UsageError, type CliContext, type Command } from '../cliContext';
import { envKey, ollamaHost } from '../environment';

const USAGE = `Usage:
  samsara probe --model <provider:model | model-id> --prompt <text> [options]
  samsara probe --model <…> --scenario <id> --file <path> [--selection-lines <a-b>] [options]

Options:
  --model <spec>            provider:model (openai:gpt-5.4-mini, ollama:llama3.1) or a model id whose provider is clear (claude-haiku-4-5)
  --prompt <text>           send this text as the only turn
  --scenario <id>           a scenario (built-in: summarize, entities, critique; or from --scenario-file)
  --file <path>             the text the scenario is about (default: all of it)
  --selection-lines <a-b>   only lines a to b of --file (1-based, inclusive)
  --scenario-file <path>    more scenarios, JSON or YAML (default: .samsara/scenarios.yaml if present)
  --out <dir>               write the transcript there, as JSON and Markdown
  --base-url <url>          the provider's address (a proxy, a local server); OLLAMA_HOST is read for Ollama
  --no-stream               wait for whole answers instead of printing them as they arrive
  --timeout-ms <n>          per request (default 60000)
  --max-retries <n>         of a retryable failure (default 3)
  --confirm-above-usd <n>   refuse to send when the estimated cost is above n dollars, unless --yes
  --yes                     send even above --confirm-above-usd

Keys are read from OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY or GEMINI_API_KEY, XAI_API_KEY,
DEEPSEEK_API_KEY, MISTRAL_API_KEY. Exit: 0 done, 2 usage error, 3 provider error (retryable),
4 provider error (permanent), 130 interrupted.`;

const PROMPT_SCENARIO: Scenario = { id: 'prompt', title: 'Prompt', preamble: '', prompt: '{{selection}}', followUps: [] };

function options(args: string[]) {
  try {
    return parseArgs({
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
        out: { type: 'string' },
        'base-url': { type: 'string' },
        'no-stream': { type: 'boolean' },
        'timeout-ms': { type: 'string' },
        'max-retries': { type: 'string' },
        'confirm-above-usd': { type: 'string' },
        yes: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function integer(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}, not "${value}"`);
  return n;
}

/** Lines a..b (1-based, inclusive) of a text. */
export function selectLines(text: string, spec: string): string {
  const match = /^(\d+)-(\d+)$/.exec(spec.trim());
  if (!match) throw new UsageError(`--selection-lines expects a-b (e.g. 3-9), not "${spec}"`);
  const [from, to] = [Number(match[1]), Number(match[2])];
  const lines = text.split(/\r?\n/);
  if (from < 1 || to < from || from > lines.length)
    throw new UsageError(`--selection-lines ${spec} is outside the file's ${lines.length} lines`);
  return lines.slice(from - 1, to).join('\n');
}

async function inputText(o: ReturnType<typeof options>, cwd: string): Promise<string> {
  if (o.prompt !== undefined) {
    if (o.file !== undefined || o.scenario !== undefined) throw new UsageError('--prompt goes alone: without --file and --scenario');
    return o.prompt;
  }
  if (o.file === undefined) throw new UsageError('give --prompt <text>, or --file <path> (with --scenario)');
  let text: string;
  try {
    text = await readFile(resolve(cwd, o.file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --file ${o.file}: ${(error as Error).message}`);
  }
  return o['selection-lines'] ? selectLines(text, o['selection-lines']) : text;
}

export const probeCommand: Command = {
  name: 'probe',
  summary: 'send a prompt, or a scenario about a file, to a model; print the answers, save the transcript',
  usage: USAGE,
  async run(context: CliContext): Promise<number> {
    const o = options(context.args);
    if (!o.model) throw new UsageError('--model is required');
    const text = await inputText(o, context.cwd);
    if (text.trim() === '') throw new UsageError('the text to probe is empty');
    const timeoutMs = integer(o['timeout-ms'], '--timeout-ms', 60_000, 100);
    const maxRetries = integer(o['max-retries'], '--max-retries', 3, 0);
    try {
      const ref = parseModelRef(o.model);
      const info = PROVIDERS.get(ref.provider);
      const key = envKey(ref.provider, context.env);
      if (info?.requiresKey && !key) {
        throw new UsageError(`no API key for ${providerLabel(ref.provider)}: set ${info.envKeys.join(' or ')}`);
      }
      const baseUrl = o['base-url'] ?? (ref.provider === 'ollama' ? ollamaHost(context.env) : undefined);
      const endpoint = resolveEndpoint(ref, key, baseUrl);
      const scenario =
        o.prompt !== undefined
          ? PROMPT_SCENARIO
          : (
              await resolveScenario(o.scenario ?? 'summarize', {
                settings: { scenarios: [], scenarioFile: o['scenario-file'] ?? '.samsara/scenarios.yaml' },
                workspaceFolders: async () => [pathToFileURL(context.cwd).toString()],
              })
            ).scenario;
      const counter = await counterFor(ref.provider, ref.model);
      const estimate = estimateProbe(counter, scenario, text, priceOf(DEFAULT_PRICES, ref.provider, ref.model));
      const cost = estimate.costUsd !== undefined ? `, about ${usd(estimate.costUsd)}` : '';
      context.stderr.write(`samsara: ${ref.provider}:${ref.model}, ${estimate.inputTokens} input tokens (${estimate.method})${cost}\n`);
      const limit = o['confirm-above-usd'] !== undefined ? Number(o['confirm-above-usd']) : undefined;
      if (limit !== undefined && (!Number.isFinite(limit) || limit < 0))
        throw new UsageError('--confirm-above-usd expects a number of dollars');
      if (limit !== undefined && (estimate.costUsd ?? 0) > limit && !o.yes) {
        throw new UsageError(
          `the estimated cost ${usd(estimate.costUsd ?? 0)} is above --confirm-above-usd ${usd(limit)}; add --yes to send anyway`,
        );
      }
      const answers = new AnswerPrinter(context, scenario.followUps.length > 0);
      const transcript = await runProbe({
        text,
        provider: ref.provider,
        model: ref.model,
        scenario,
        endpoint,
        timeoutMs,
        retry: { ...DEFAULT_RETRY, maxRetries },
        semaphore: new Semaphore(1),
        signal: context.signal,
        stream: !o['no-stream'],
        prices: DEFAULT_PRICES,
        counter,
        estimate,
        onEvent: (event) => answers.on(event),
        log: (line) => context.stderr.write(`samsara: ${line}\n`),
      });
      answers.finish(transcript);
      if (o.out) {
        const saved = await new TranscriptStore(resolve(context.cwd, o.out)).save(transcript);
        context.stderr.write(`samsara: transcript ${saved.json}\nsamsara: markdown   ${saved.markdown}\n`);
      }
      return exitCode(transcript);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if (error instanceof SamsaraError && /^PROBE_(INVALID|UNKNOWN|AMBIGUOUS|MISSING|SCENARIO)/.test(error.code))
        throw new UsageError(error.message);
      throw error;
    }
  },
};

/** 0 done (also when the model declined: that is an answer), 3/4 by the failed turn, 130 interrupted. */
function exitCode(t: Transcript): number {
  if (t.run.outcome === 'cancelled') return EXIT.interrupted;
  if (t.run.outcome !== 'failed') return EXIT.ok;
  const error = t.errors[0];
  return error && (error.retryable || error.code === 'PROBE_RATE_LIMITED') ? EXIT.providerRetryable : EXIT.providerPermanent;
}

/** Answers go to stdout as they arrive; turn headers and the summary go to stderr, so stdout pipes cleanly. */
class AnswerPrinter {
  private current = -1;
  private texts: string[] = [];

  constructor(
    private readonly context: CliContext,
    private readonly headers: boolean,
  ) {}

  on(event: Parameters<NonNullable<Parameters<typeof runProbe>[0]['onEvent']>>[0]): void {
    if (event.kind === 'turn') {
      this.endTurn();
      this.current = event.turn;
      this.texts[event.turn] = '';
      if (this.headers)
        this.context.stderr.write(`\n[turn ${event.turn + 1}/${event.total}] ${event.prompt.split('\n')[0].slice(0, 100)}\n`);
    } else if (event.kind === 'delta') {
      this.texts[event.turn] += event.text;
      this.context.stdout.write(event.text);
    } else {
      this.context.stderr.write('\n[retrying: the partial answer above is void]\n');
      this.texts[event.turn] = '';
    }
  }

  /** Without streaming, each answer is printed whole when its turn ends. */
  finish(t: Transcript): void {
    for (const turn of t.turns) {
      if (!this.texts[turn.index] && turn.response) this.context.stdout.write(`${turn.response}\n`);
    }
    this.endTurn();
    const cost = t.totals.costUsd !== undefined ? `, ${usd(t.totals.costUsd)}` : '';
    const why = t.run.endedBecause ? ` (${t.run.endedBecause})` : '';
    this.context.stderr.write(
      `samsara: ${t.run.outcome}${why}: ${t.totals.turns} turn(s), ${t.totals.inputTokens}/${t.totals.outputTokens} tokens${t.totals.estimated ? ' (estimated)' : ''}${cost}, ${t.run.durationMs} ms\n`,
    );
    for (const e of t.errors) this.context.stderr.write(`samsara: turn ${e.turn + 1}: ${e.message}\n`);
  }

  private endTurn(): void {
    if (this.current >= 0 && this.texts[this.current]) this.context.stdout.write('\n');
  }
}
