// Runs one scenario against one model: the prompt, then each follow-up, carrying the whole
// conversation each turn, and records everything in a transcript. Stops at the first failed
// turn (a follow-up without the previous answer would be a different conversation).
import { randomUUID } from 'node:crypto';
import { ProviderRequestError } from './errors';
import { sendTurn, type Sleep } from './providerClient';
import type { ResolvedEndpoint } from './providers';
import type { RetryOptions } from './retryPolicy';
import type { Scenario } from '../../../shared/probes/scenario';
import { renderTemplate } from './scenarios';
import { estimateTokens } from './tokens';
import type { Semaphore } from './semaphore';
import { TRANSCRIPT_SCHEMA_VERSION, type Tokens, type Transcript, type Turn } from '../../../shared/probes/transcript';
import { SAMSARA_VERSION } from '../../../shared/version';
import type { ChatMessage, WireReply } from './wire/wireFormat';

export interface ProbeRun {
  text: string;
  provider: string;
  model: string;
  scenario: Scenario;
  endpoint: ResolvedEndpoint;
  timeoutMs: number;
  retry: RetryOptions;
  semaphore: Semaphore;
  signal: AbortSignal;
  /** Called before each turn: turn is 1-based. */
  onTurn?: (turn: number, total: number) => void;
  log?: (line: string) => void;
  sleep?: Sleep;
  random?: () => number;
}

export async function runProbe(run: ProbeRun): Promise<Transcript> {
  const started = new Date();
  const prompts = [renderTemplate(run.scenario.prompt, run.text), ...run.scenario.followUps.map((f) => renderTemplate(f, run.text))];
  const messages: ChatMessage[] = [];
  const turns: Turn[] = [];
  const label = `${run.provider}:${run.model}`;
  for (const [index, prompt] of prompts.entries()) {
    run.onTurn?.(index + 1, prompts.length);
    messages.push({ role: 'user', content: prompt });
    const turnStart = new Date();
    const result = await sendTurn({
      endpoint: run.endpoint,
      model: run.model,
      system: run.scenario.preamble,
      messages,
      timeoutMs: run.timeoutMs,
      retry: run.retry,
      signal: run.signal,
      semaphore: run.semaphore,
      sleep: run.sleep,
      random: run.random,
      onRetry: ({ attempt, delayMs, error }) =>
        run.log?.(`${label} turn ${index + 1}: ${error.message} Retry ${attempt} in ${delayMs} ms.`),
    });
    const turnEnd = new Date();
    const base = {
      index,
      role: index === 0 ? ('prompt' as const) : ('followUp' as const),
      prompt,
      startedAt: turnStart.toISOString(),
      endedAt: turnEnd.toISOString(),
      durationMs: turnEnd.getTime() - turnStart.getTime(),
      retries: result.retries,
      requestId: result.requestId,
    };
    if (!result.ok) {
      run.log?.(`${label} turn ${index + 1} failed: ${result.error.message}`);
      turns.push({ ...base, response: '', tokens: { input: 0, output: 0, estimated: false }, error: turnError(result.error) });
      break;
    }
    const reply = result.reply;
    turns.push({
      ...base,
      response: reply.text,
      tokens: tokensOf(reply, run.scenario.preamble, messages),
      modelVersion: reply.modelVersion,
      systemFingerprint: reply.systemFingerprint,
    });
    messages.push({ role: 'assistant', content: reply.text });
  }
  return assemble(run, started, turns);
}

function tokensOf(reply: WireReply, system: string, sent: readonly ChatMessage[]): Tokens {
  const estimatedInput = reply.inputTokens === undefined;
  const estimatedOutput = reply.outputTokens === undefined;
  return {
    input: reply.inputTokens ?? estimateTokens(system + sent.map((m) => m.content).join('')),
    output: reply.outputTokens ?? estimateTokens(reply.text),
    estimated: estimatedInput || estimatedOutput,
  };
}

function turnError(error: ProviderRequestError): NonNullable<Turn['error']> {
  return { code: error.code, message: error.message, status: error.status, retryable: error.retryable };
}

function assemble(run: ProbeRun, started: Date, turns: Turn[]): Transcript {
  const ended = new Date();
  const errors = turns.flatMap((t) => (t.error ? [{ ...t.error, turn: t.index }] : []));
  const answered = turns.filter((t) => !t.error);
  return {
    schemaVersion: TRANSCRIPT_SCHEMA_VERSION,
    run: {
      id: randomUUID(),
      startedAt: started.toISOString(),
      endedAt: ended.toISOString(),
      durationMs: ended.getTime() - started.getTime(),
      samsaraVersion: SAMSARA_VERSION,
      outcome: errors.length > 0 ? 'failed' : 'completed',
    },
    scenario: { ...run.scenario },
    provider: run.provider,
    modelRequested: `${run.provider}:${run.model}`,
    modelVersion: answered.at(-1)?.modelVersion,
    selection: run.text,
    turns,
    totals: {
      inputTokens: sum(turns.map((t) => t.tokens.input)),
      outputTokens: sum(turns.map((t) => t.tokens.output)),
      estimated: turns.some((t) => t.tokens.estimated),
      durationMs: ended.getTime() - started.getTime(),
      retries: sum(turns.map((t) => t.retries)),
      turns: answered.length,
    },
    errors,
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
