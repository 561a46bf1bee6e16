// Entry point of the `samsara.probe` command: server/src/commands.ts delegates
// `workspace/executeCommand` `samsara.probe` here. Validates the argument, resolves scenario,
// provider, key requirement and base URL (the server owns each of these rules), runs the probe with
// $/progress, live `samsara/probeStream` notifications and cancellation, saves the transcript
// (JSON + Markdown) and answers it with where it was saved. A cancelled probe answers too: its
// partial transcript, marked cancelled, is saved like any other.
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { SamsaraError, type ProbeErrorCode } from '../../../shared/errors';
import { getConfigurationWithin } from '../settings/configurationRequest';
import { probeArgsSchema, ProbeStreamNotification, type ProbeErrorData, type ProbeResult } from '../../../shared/lsp';
import { redactText } from '../../../shared/redact';
import { editorRemedy } from './editorRemedy';
import { InvalidArgumentsError, ProbeError, withRemedy } from './errors';
import { fileLabel, transcriptStore, workspaceFolderUris } from './probeEnvironment';
import { probe as runEngineProbe } from './probeEntry';
import type { Analyze } from './probePreparation';
import { parseProbeSettings, type ProbeSettings } from './probeSettings';
import type { ScenarioSources } from './scenarioLoader';
import { ProviderLimits } from './semaphore';
import { modelLabel } from '../../../shared/probes/providers';
import { usd } from '../../../shared/probes/transcriptMarkdown';

export interface ProbeCommandContext {
  connection: Connection;
  token: CancellationToken;
  progress: WorkDoneProgressReporter;
  /** The sidecar's analysis (entities of the selection and of each answer) in the language of the selection's document; absent: no fidelity. */
  analyzeFor?(uri: string | undefined, text: string): Promise<Analyze>;
}

/** Shared by every probe of this server process, so concurrent probes share the provider limit. */
const limits = new ProviderLimits(4);

export async function runProbeCommand(args: unknown[] | undefined, ctx: ProbeCommandContext): Promise<ProbeResult> {
  try {
    return await probe(args, ctx);
  } catch (error) {
    throw toResponseError(error, (args?.[0] as { apiKey?: unknown } | undefined)?.apiKey);
  } finally {
    // The probe owns its progress (server/src/commands.ts opens it and hands it over).
    ctx.progress.done();
  }
}

async function probe(args: unknown[] | undefined, ctx: ProbeCommandContext): Promise<ProbeResult> {
  const { connection, token, progress } = ctx;
  const parsed = probeArgsSchema.safeParse(args?.[0]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgumentsError(`${issue?.path.join('.') || 'argument'}: ${issue?.message ?? 'invalid'}`);
  }
  const input = parsed.data;
  const settings = await readProbeSettings(connection);
  limits.setLimit(settings.concurrency);
  const file = input.uri ? await fileLabel(connection, input.uri) : undefined;
  const analyze = await ctx.analyzeFor?.(input.uri, input.text);

  const abort = new AbortController();
  // A progress the server created carries its own token (the user pressed Cancel on it).
  const progressToken = (progress as Partial<WorkDoneProgressServerReporter>).token;
  const subscriptions = [token, progressToken].flatMap((t) => (t ? [t.onCancellationRequested(() => abort.abort())] : []));
  if (token.isCancellationRequested || progressToken?.isCancellationRequested) abort.abort();
  const runId = input.runId;
  let turns = 0;
  try {
    const transcript = await runEngineProbe(
      {
        text: input.text,
        model: input.model,
        scenario: input.scenario ?? 'summarize',
        scenarioSources: scenarioSources(connection, settings),
        keys: () => input.apiKey,
        baseUrls: (provider) => settings.baseUrls[provider],
        settings,
        signal: abort.signal,
        stream: input.stream,
        pseudonymize: input.pseudonymize ?? settings.pseudonymize,
        ...(runId ? { runId } : {}),
        group: input.group,
        document: input.document,
        file,
        lines: input.lines,
        entity: input.entity,
        limits,
      },
      {
        onScenarioProblem: (problem) => connection.console.warn(`Scenario skipped: ${problem}`),
        onPlan: (plan) => {
          turns = plan.turns;
          progress.begin(`Probing ${modelLabel(input.model)}`, 0, `turn 1/${turns}`, true);
        },
        analyze,
        onEvent: (event, endpoint) => {
          if (event.kind === 'turn') progress.report(Math.round((event.turn / event.total) * 100), `turn ${event.turn + 1}/${event.total}`);
          if (runId) void connection.sendNotification(ProbeStreamNotification, { runId, event: redactEvent(event, endpoint.secrets) });
        },
        log: (line) => connection.console.warn(line),
        remedy: editorRemedy,
      },
    );
    // The probe's one line in the log (the editor writes none of its own).
    const line = probeLogLine(transcript, turns);
    if (transcript.run.outcome === 'failed') connection.console.warn(line);
    else connection.console.info(line);
    if (transcript.entitiesProblem)
      connection.console.warn(`Probe ${transcript.run.id}: no entity fidelity: ${transcript.entitiesProblem}`);
    return await save(connection, settings, transcript);
  } finally {
    for (const subscription of subscriptions) subscription.dispose();
  }
}

/** Saves the transcript; a probe whose answer arrived is still answered when the disk refuses it. */
async function save(connection: Connection, settings: ProbeSettings, transcript: ProbeResult['transcript']): Promise<ProbeResult> {
  try {
    const store = await transcriptStore(connection, settings);
    return { transcript, saved: await store.save(transcript) };
  } catch (error) {
    const saveProblem = `The transcript was not saved: ${error instanceof Error ? error.message : String(error)}`;
    connection.console.error(saveProblem);
    return { transcript, saveProblem };
  }
}

/** "Probe of OpenAI gpt-5.4-mini (summarize): completed, 3/3 turns, 812/240 tokens, $0.0017, 0 retries, 2400 ms." */
export function probeLogLine(t: ProbeResult['transcript'], plannedTurns: number): string {
  const cost = t.totals.costUsd !== undefined ? `, ${usd(t.totals.costUsd)}` : '';
  const hidden = t.pseudonymization ? `, ${t.pseudonymization.mapping.length} names pseudonymised` : '';
  const why = t.run.endedBecause ?? t.errors[0]?.message;
  return `Probe of ${modelLabel(t.modelRequested)} (${t.scenario.id}): ${t.run.outcome}${why ? ` (${why})` : ''}, ${t.totals.turns}/${plannedTurns} turns, ${t.totals.inputTokens}/${t.totals.outputTokens} tokens${cost}, ${t.totals.retries} retries, ${t.run.durationMs} ms${hidden}; run ${t.run.id}.`;
}

function redactEvent<T extends { kind: string; text?: string; prompt?: string }>(event: T, secrets: string[]): T {
  if (event.text !== undefined) return { ...event, text: redactText(event.text, secrets) };
  if (event.prompt !== undefined) return { ...event, prompt: redactText(event.prompt, secrets) };
  return event;
}

/** The `samsara.probes` settings; a client without workspace/configuration gets the defaults. */
export async function readProbeSettings(connection: Connection, scopeUri?: string): Promise<ProbeSettings> {
  let raw: unknown;
  try {
    raw = await getConfigurationWithin(
      connection,
      scopeUri === undefined ? { section: 'samsara.probes' } : { scopeUri, section: 'samsara.probes' },
    );
  } catch {
    raw = undefined;
  }
  const { settings, problems } = parseProbeSettings(raw);
  for (const problem of problems) connection.console.warn(problem);
  return settings;
}

export function scenarioSources(connection: Connection, settings: ProbeSettings): ScenarioSources {
  return { settings, workspaceFolders: () => workspaceFolderUris(connection) };
}

/** An error as the client receives it: typed code in `data`, and never the key in the message. */
export function toResponseError(error: unknown, keys?: unknown): ResponseError<ProbeErrorData | undefined> {
  const secret = (Array.isArray(keys) ? keys : [keys]).filter((k): k is string => typeof k === 'string');
  if (error instanceof ResponseError) return error;
  if (error instanceof SamsaraError) {
    const provider = (error as { provider?: unknown }).provider;
    const data: ProbeErrorData = { code: error.code, ...(typeof provider === 'string' ? { provider } : {}) };
    // The engine states the facts; the editor adds its own remedy (its commands and settings).
    const message =
      error instanceof ProbeError && error.code.startsWith('PROBE_')
        ? withRemedy(error.message, { code: error.code as ProbeErrorCode, provider: error.provider, facts: error.facts }, editorRemedy)
        : error.message;
    const invalid = [
      'PROBE_INVALID_ARGUMENTS',
      'PROBE_INVALID_MODEL',
      'PROBE_AMBIGUOUS_MODEL',
      'PROBE_TEMPLATE',
      'PROBE_INVALID_PARAMETER',
    ].includes(error.code);
    if (error.code === 'PROBE_CANCELLED') return new ResponseError(LSPErrorCodes.RequestCancelled, error.message, data);
    return new ResponseError(invalid ? ErrorCodes.InvalidParams : LSPErrorCodes.RequestFailed, redactText(message, secret), data);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ResponseError(ErrorCodes.InternalError, redactText(`samsara.probe failed: ${message}`, secret), undefined);
}
