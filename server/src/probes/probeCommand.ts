// Entry point of the `samsara.probe` command: server/src/commands.ts delegates
// `workspace/executeCommand` `samsara.probe` here. Validates the argument, resolves scenario,
// provider, key requirement and base URL (the server owns each of these rules), runs the probe with
// $/progress and cancellation, and returns the transcript JSON.
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { SamsaraError } from '../../../shared/errors';
import { getConfigurationWithin } from '../settings/configurationRequest';
import { probeArgsSchema, type ProbeErrorData } from '../../../shared/lsp';
import type { Transcript } from '../../../shared/probes/transcript';
import { InvalidArgumentsError, ProbeCancelledError } from './errors';
import { runProbe } from './probeRunner';
import { parseProbeSettings, type ProbeSettings } from './probeSettings';
import { parseModelRef, resolveEndpoint } from './providers';
import { DEFAULT_RETRY } from './retryPolicy';
import { resolveScenario, type ScenarioSources } from './scenarioLoader';
import { ProviderLimits } from './semaphore';

export interface ProbeCommandContext {
  connection: Connection;
  token: CancellationToken;
  progress: WorkDoneProgressReporter;
}

/** Shared by every probe of this server process, so concurrent probes share the provider limit. */
const limits = new ProviderLimits(4);

export async function runProbeCommand(args: unknown[] | undefined, ctx: ProbeCommandContext): Promise<Transcript> {
  try {
    return await probe(args, ctx);
  } catch (error) {
    throw toResponseError(error);
  } finally {
    // The probe owns its progress (server/src/commands.ts opens it and hands it over).
    ctx.progress.done();
  }
}

async function probe(args: unknown[] | undefined, ctx: ProbeCommandContext): Promise<Transcript> {
  const { connection, token, progress } = ctx;
  const parsed = probeArgsSchema.safeParse(args?.[0]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArgumentsError(`${issue?.path.join('.') || 'argument'}: ${issue?.message ?? 'invalid'}`);
  }
  const input = parsed.data;
  const settings = await readProbeSettings(connection);
  const ref = parseModelRef(input.model);
  const endpoint = resolveEndpoint(ref, input.apiKey, settings.baseUrls[ref.provider]);
  const { scenario, problems } = await resolveScenario(input.scenario, scenarioSources(connection, settings));
  for (const problem of problems) connection.console.warn(`Scenario skipped: ${problem}`);
  limits.setLimit(settings.concurrency);

  const abort = new AbortController();
  // A progress the server created carries its own token (the user pressed Cancel on it).
  const progressToken = (progress as Partial<WorkDoneProgressServerReporter>).token;
  const subscriptions = [token, progressToken].flatMap((t) => (t ? [t.onCancellationRequested(() => abort.abort())] : []));
  if (token.isCancellationRequested || progressToken?.isCancellationRequested) abort.abort();
  const turns = 1 + scenario.followUps.length;
  progress.begin(`Probing ${input.model}`, 0, `turn 1/${turns}`, true);
  try {
    const transcript = await runProbe({
      text: input.text,
      provider: ref.provider,
      model: ref.model,
      scenario,
      endpoint,
      timeoutMs: settings.timeoutMs,
      retry: { ...DEFAULT_RETRY, maxRetries: settings.maxRetries },
      semaphore: limits.for(ref.provider),
      signal: abort.signal,
      onTurn: (turn, total) => progress.report(Math.round(((turn - 1) / total) * 100), `turn ${turn}/${total}`),
      log: (line) => connection.console.info(line),
    });
    connection.console.info(
      `Probe ${transcript.run.id} ${input.model} (${scenario.id}): ${transcript.run.outcome}, ${transcript.totals.turns}/${turns} turns, ${transcript.totals.retries} retries, ${transcript.run.durationMs} ms.`,
    );
    return transcript;
  } finally {
    for (const subscription of subscriptions) subscription.dispose();
  }
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
  return {
    settings,
    workspaceFolders: async () => ((await connection.workspace.getWorkspaceFolders().catch(() => null)) ?? []).map((f) => f.uri),
  };
}

function toResponseError(error: unknown): ResponseError<ProbeErrorData | undefined> {
  if (error instanceof ResponseError) return error;
  if (error instanceof ProbeCancelledError) return new ResponseError(LSPErrorCodes.RequestCancelled, error.message, { code: error.code });
  if (error instanceof SamsaraError) {
    const provider = (error as { provider?: unknown }).provider;
    const data: ProbeErrorData = { code: error.code, ...(typeof provider === 'string' ? { provider } : {}) };
    const invalid = error.code === 'PROBE_INVALID_ARGUMENTS' || error.code === 'PROBE_INVALID_MODEL';
    return new ResponseError(invalid ? ErrorCodes.InvalidParams : LSPErrorCodes.RequestFailed, error.message, data);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ResponseError(ErrorCodes.InternalError, `samsara.probe failed: ${message}`, undefined);
}
