// `samsara probe`: one probe from the command line, through the same engine as the editor.
//   samsara probe --model ollama:llama3.1 --prompt "hello"
//   samsara probe --scenario who --file notes.md --selection-lines 3-9 --model claude-haiku-4-5 --pseudonymize PERSON,ORG --out probes/
// Keys come from the environment only (OPENAI_API_KEY, ANTHROPIC_API_KEY, GOOGLE_API_KEY or
// GEMINI_API_KEY, XAI_API_KEY, DEEPSEEK_API_KEY, MISTRAL_API_KEY) and are never printed. A
// sidecar is started only when the probe needs entities, and stopped when it ends.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SamsaraError } from '../../../shared/errors';
import { providerLabel } from '../../../shared/probes/providers';
import { scenarioTemplates, type Scenario } from '../../../shared/probes/scenario';
import { usesVariable } from '../../../shared/probes/templateVariables';
import type { Transcript } from '../../../shared/probes/transcript';
import { usd } from '../../../shared/probes/transcriptMarkdown';
import {
  DEFAULT_PRICES,
  PROBE_SETTING_DEFAULTS,
  probe,
  entityRulesFor,
  throughBible,
  ProbeError,
  TranscriptStore,
  type ProbePlan,
  type ProbeProblem,
} from '../../../server/src/engine';
import { AnswerPrinter } from '../answerPrinter';
import { EXIT, UsageError, type CliContext, type Command } from '../cliContext';
import { cliRemedy, keyVariables } from '../cliRemedy';
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
    const limit = o['confirm-above-usd'] !== undefined ? Number(o['confirm-above-usd']) : undefined;
    if (limit !== undefined && (!Number.isFinite(limit) || limit < 0))
      throw new UsageError('--confirm-above-usd expects a number of dollars');
    let sidecar: CliSidecar | undefined;
    // Shown once the engine knows the plan: the estimate, the refusal above --confirm-above-usd, the sidecar.
    const onPlan = async ({ ref, estimate, scenario, turns, scenarioFile }: ProbePlan) => {
      // Never a file read silently from the current folder (issue 20, attack 6).
      if (scenarioFile) context.stderr.write(`${scenarioFileNote(scenarioFile, scenario.id)}\n`);
      const cost = estimate.costUsd !== undefined ? `, about ${usd(estimate.costUsd)}` : '';
      context.stderr.write(`samsara: ${ref.provider}:${ref.model}, ${estimate.inputTokens} input tokens (${estimate.method})${cost}\n`);
      if (limit !== undefined && (estimate.costUsd ?? 0) > limit && !o.yes) {
        throw new UsageError(
          `the estimated cost ${usd(estimate.costUsd ?? 0)} is above --confirm-above-usd ${usd(limit)}; add --yes to send anyway`,
        );
      }
      sidecar = await sidecarFor(o, scenario, pseudonymize, context);
      answers = new AnswerPrinter(context, turns > 1);
      if (!sidecar) return undefined;
      // The folder's story bible (.samsara/entities.yaml): an alias counts, and is masked, as its entity.
      const { analyze } = sidecar;
      const bible = (await entityRulesFor(context.cwd))?.bible;
      return bible ? async (texts: string[]) => throughBible(await analyze(texts), bible) : analyze;
    };
    let answers: AnswerPrinter | undefined;
    try {
      const transcript = await probe(
        {
          text: input.text,
          document: input.document,
          file: input.file,
          model: o.model,
          scenario: o.prompt !== undefined ? PROMPT_SCENARIO : (o.scenario ?? 'summarize'),
          scenarioSources: {
            settings: { scenarios: [], scenarioFile: o['scenario-file'] ?? '.samsara/scenarios.yaml' },
            workspaceFolders: async () => [pathToFileURL(context.cwd).toString()],
          },
          keys: (provider) => envKey(provider, context.env),
          baseUrls: (provider) => o['base-url'] ?? (provider === 'ollama' ? ollamaHost(context.env) : undefined),
          settings: { ...PROBE_SETTING_DEFAULTS, timeoutMs, maxRetries, prices: DEFAULT_PRICES },
          signal: context.signal,
          stream: !o['no-stream'],
          pseudonymize,
        },
        {
          onPlan,
          onEvent: (event) => answers?.on(event),
          log: (line) => context.stderr.write(`samsara: ${line}\n`),
          remedy: cliRemedy,
        },
      );
      answers?.finish(transcript);
      if (o.out) {
        const saved = await new TranscriptStore(resolve(context.cwd, o.out)).save(transcript);
        context.stderr.write(`samsara: transcript ${saved.json}\nsamsara: markdown   ${saved.markdown}\n`);
      }
      return exitCode(transcript);
    } catch (error) {
      throw cliError(error);
    } finally {
      await sidecar?.stop();
    }
  },
};

/** An engine error in the command line's words: a usage error (exit 2) when the command was wrong. */
function cliError(error: unknown): unknown {
  if (!(error instanceof SamsaraError) || error instanceof UsageError) return error;
  if (error.code === 'PROBE_MISSING_KEY' && error instanceof ProbeError) {
    return new UsageError(`no API key for ${providerLabel(error.provider ?? '')}: set ${keyVariables(error.provider)}`);
  }
  if (!/^PROBE_(INVALID|UNKNOWN|AMBIGUOUS|MISSING|SCENARIO|TEMPLATE|ENTITIES)/.test(error.code)) return error;
  const remedy =
    error instanceof ProbeError
      ? cliRemedy({ code: error.code as ProbeProblem['code'], provider: error.provider, facts: error.facts })
      : undefined;
  return new UsageError(remedy ? `${error.message} ${remedy}` : error.message);
}

/** 0 done (also when the model declined: that is an answer), 3/4 by the failed turn, 130 interrupted. */
function exitCode(t: Transcript): number {
  if (t.run.outcome === 'cancelled') return EXIT.interrupted;
  if (t.run.outcome !== 'failed') return EXIT.ok;
  const error = t.errors[0];
  return error && (error.retryable || error.code === 'PROBE_RATE_LIMITED') ? EXIT.providerRetryable : EXIT.providerPermanent;
}
