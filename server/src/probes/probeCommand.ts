// Entry point of the `samsara.probe` command: server.ts delegates `workspace/executeCommand`
// `samsara.probe` here. Validates the argument, resolves scenario and provider, runs the probe
// with $/progress and cancellation, and returns the transcript JSON.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { z } from 'zod';
import { SamsaraError } from '../errors';
import { InvalidArgumentsError, ProbeCancelledError, ProbeError, UnknownScenarioError } from './errors';
import { runProbe } from './probeRunner';
import { parseProbeSettings, type ProbeSettings } from './probeSettings';
import { parseModelRef, resolveEndpoint } from './providers';
import { DEFAULT_RETRY } from './retryPolicy';
import { BUILTIN_SCENARIOS, mergeScenarios, parseScenarioFile, parseScenarioList, scenarioSchema, type Scenario } from './scenarios';
import { ProviderLimits } from './semaphore';
import type { Transcript } from './transcript';

export interface ProbeCommandContext {
  connection: Connection;
  token: CancellationToken;
  progress: WorkDoneProgressReporter;
}

export const probeArgsSchema = z.object({
  text: z.string().min(1, 'select some text first'),
  model: z.string().min(1),
  scenario: z.union([z.string().min(1), scenarioSchema]).optional(),
  apiKey: z.string().optional(),
  baseUrl: z.string().optional(),
});

export type ProbeArgs = z.infer<typeof probeArgsSchema>;

/** Shared by every probe of this server process, so concurrent probes share the provider limit. */
const limits = new ProviderLimits(4);

/** Error data the client branches on (e.g. PROBE_MISSING_KEY offers "Set API Key…"). */
export interface ProbeErrorData {
  code: string;
  provider?: string;
}

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
  const settings = await readSettings(connection);
  const ref = parseModelRef(input.model);
  const endpoint = resolveEndpoint(ref, input.apiKey, input.baseUrl);
  const scenario = await resolveScenario(input.scenario, settings, connection);
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

async function readSettings(connection: Connection): Promise<ProbeSettings> {
  let raw: unknown;
  try {
    raw = await connection.workspace.getConfiguration('samsara.probes');
  } catch {
    raw = undefined; // a client without workspace/configuration gets the defaults
  }
  const { settings, problems } = parseProbeSettings(raw);
  for (const problem of problems) connection.console.warn(problem);
  return settings;
}

async function resolveScenario(requested: ProbeArgs['scenario'], settings: ProbeSettings, connection: Connection): Promise<Scenario> {
  if (typeof requested === 'object') return requested;
  const id = requested ?? 'summarize';
  const fromSettings = parseScenarioList(settings.scenarios, 'samsara.probes.scenarios');
  let known = mergeScenarios(BUILTIN_SCENARIOS, fromSettings.scenarios);
  const problems = [...fromSettings.problems];
  if (!known.some((s) => s.id === id)) {
    // Only read the workspace file when the id is not found elsewhere: most probes never need it.
    const fromFile = await loadScenarioFile(settings.scenarioFile, connection);
    known = mergeScenarios(known, fromFile.scenarios);
    problems.push(...fromFile.problems);
  }
  for (const problem of problems) connection.console.warn(problem);
  const found = known.find((s) => s.id === id);
  if (!found)
    throw new UnknownScenarioError(id, known.map((s) => s.id).concat(problems.length > 0 ? [`(rejected: ${problems.join('; ')})`] : []));
  return found;
}

async function loadScenarioFile(file: string, connection: Connection): Promise<{ scenarios: Scenario[]; problems: string[] }> {
  if (file.trim() === '') return { scenarios: [], problems: [] };
  let path = file;
  if (!isAbsolute(file)) {
    const folders = await connection.workspace.getWorkspaceFolders().catch(() => null);
    const first = folders?.find((f) => f.uri.startsWith('file:'));
    if (!first) return { scenarios: [], problems: [] };
    path = join(fileURLToPath(first.uri), file);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { scenarios: [], problems: missing ? [] : [`${path}: cannot read: ${(error as Error).message}`] };
  }
  return parseScenarioFile(text, path);
}

function toResponseError(error: unknown): ResponseError<ProbeErrorData | undefined> {
  if (error instanceof ResponseError) return error;
  if (error instanceof ProbeCancelledError) return new ResponseError(LSPErrorCodes.RequestCancelled, error.message, { code: error.code });
  if (error instanceof ProbeError || error instanceof SamsaraError) {
    const provider = (error as { provider?: unknown }).provider;
    const data: ProbeErrorData = { code: error.code, ...(typeof provider === 'string' ? { provider } : {}) };
    const invalid = error.code === 'PROBE_INVALID_ARGUMENTS' || error.code === 'PROBE_INVALID_MODEL';
    return new ResponseError(invalid ? ErrorCodes.InvalidParams : LSPErrorCodes.RequestFailed, error.message, data);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ResponseError(ErrorCodes.InternalError, `samsara.probe failed: ${message}`, undefined);
}
