// `samsara probe`: one probe from the command line, through the same engine as the editor.
//   samsara probe --model ollama:llama3.1 --prompt "hello"
//   samsara probe --scenario who --file notes.md --selection-lines 3-9 --model claude-haiku-4-5 --pseudonymize PERSON,ORG --out probes/
// Keys come from the environment only (OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY or
// GEMINI_API_KEY, XAI_API_KEY, DEEPSEEK_API_KEY, MISTRAL_API_KEY) and are never printed. A
// sidecar is started only when the probe needs entities, and stopped when it ends.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { providerLabel, PROVIDERS } from '../../../shared/probes/providers';
import { scenarioTemplates, scenarioTurns, type Scenario } from '../../../shared/probes/scenario';
import { usesVariable } from '../../../shared/probes/templateVariables';
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
import { AnswerPrinter } from '../answerPrinter';
import { EXIT, UsageError, type CliContext, type Command } from '../cliContext';
import { startCliSidecar, type CliSidecar } from '../cliSidecar';
import { envKey, ollamaHost } from '../environment';
import { integer, probeInput, probeOptions, PROBE_USAGE, pseudonymizeLabels, scenarioFileNote, type ProbeOptions } from './probeOptions';

const PROMPT_SCENARIO: Scenario = { id: 'prompt', title: 'Prompt', preamble: '', prompt: '{{selection}}', followUps: [] };

/**
 * Starts the sidecar when the probe needs entities. Pseudonymisation and {{entities}} cannot go
 * without it (a usage error: nothing is sent); fidelity alone can, and is then reported missing.
 */
async function sidecarFor(
  o: ProbeOptions,
  scenario: Scenario,
  pseudonymize: string[],
  context: CliContext,
): Promise<CliSidecar | undefined> {
  const required = pseudonymize.length > 0 || usesVariable(scenarioTemplates(scenario), 'entities');
  const fidelity = o['no-fidelity'] ? false : (o.fidelity ?? o.prompt === undefined);
  if (!required && !fidelity) return undefined;
  try {
    return await startCliSidecar(context, { path: o.sidecar ?? '', pipeline: o.pipeline ?? 'en_core_web_sm', startTimeoutMs: 60_000 });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (required) {
      const what = pseudonymize.length > 0 ? `--pseudonymize ${pseudonymize.join(',')}` : 'the scenario (it uses {{entities}})';
      throw new UsageError(`${what} needs the sidecar, which could not start: ${why}`);
    }
    context.stderr.write(`samsara: no entity fidelity: the sidecar could not start: ${why}\n`);
    return undefined;
  }
}

export const probeCommand: Command = {
  name: 'probe',
  summary: 'send a prompt, or a scenario about a file, to a model; print the answers, save the transcript',
  usage: PROBE_USAGE,
  async run(context: CliContext): Promise<number> {
    const o = probeOptions(context.args);
    if (!o.model) throw new UsageError('--model is required');
    if (o.fidelity && o['no-fidelity']) throw new UsageError('--fidelity and --no-fidelity contradict each other');
    const input = await probeInput(o, context.cwd);
    if (input.text.trim() === '') throw new UsageError('the text to probe is empty');
    const timeoutMs = integer(o['timeout-ms'], '--timeout-ms', 60_000, 100);
    const maxRetries = integer(o['max-retries'], '--max-retries', 3, 0);
    const pseudonymize = pseudonymizeLabels(o.pseudonymize);
    let sidecar: CliSidecar | undefined;
    try {
      const ref = parseModelRef(o.model);
      const info = PROVIDERS.get(ref.provider);
      const key = envKey(ref.provider, context.env);
      if (info?.requiresKey && !key) {
        throw new UsageError(`no API key for ${providerLabel(ref.provider)}: set ${info.envKeys.join(' or ')}`);
      }
      const baseUrl = o['base-url'] ?? (ref.provider === 'ollama' ? ollamaHost(context.env) : undefined);
      const endpoint = resolveEndpoint(ref, key, baseUrl);
      const resolved =
        o.prompt !== undefined
          ? { scenario: PROMPT_SCENARIO }
          : await resolveScenario(o.scenario ?? 'summarize', {
              settings: { scenarios: [], scenarioFile: o['scenario-file'] ?? '.samsara/scenarios.yaml' },
              workspaceFolders: async () => [pathToFileURL(context.cwd).toString()],
            });
      const scenario = resolved.scenario;
      // Never a file read silently from the current folder (issue 20, attack 6).
      if ('file' in resolved && resolved.file) context.stderr.write(`${scenarioFileNote(resolved.file, scenario.id)}\n`);
      const counter = await counterFor(ref.provider, ref.model);
      const values = { selection: input.text, document: input.document, file: input.file };
      const estimate = estimateProbe(counter, scenario, values, priceOf(DEFAULT_PRICES, ref.provider, ref.model));
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
      sidecar = await sidecarFor(o, scenario, pseudonymize, context);
      const answers = new AnswerPrinter(context, scenarioTurns(scenario).length > 1);
      const transcript = await runProbe({
        text: input.text,
        document: input.document,
        file: input.file,
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
        analyze: sidecar?.analyze,
        pseudonymize,
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
      if (error instanceof SamsaraError && /^PROBE_(INVALID|UNKNOWN|AMBIGUOUS|MISSING|SCENARIO|TEMPLATE|ENTITIES)/.test(error.code))
        throw new UsageError(error.message);
      throw error;
    } finally {
      await sidecar?.stop();
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
