// Runs one scenario against one model: the prompt, then each follow-up, carrying the whole
// conversation each turn, and records everything in a transcript. Stops at the first failed
// turn (a follow-up without the previous answer would be a different conversation), at an empty
// answer (filtered, refused, blocked: an empty assistant message is never sent as history), and
// at a cancel, keeping what had streamed in, marked cancelled.
import { randomUUID } from 'node:crypto';
import { displayUrl, redactDeep } from '../../../shared/redact';
import type { Scenario } from '../../../shared/probes/scenario';
import {
  TRANSCRIPT_SCHEMA_VERSION,
  type Outcome,
  type ProbeEstimate,
  type Tokens,
  type Transcript,
  type Turn,
} from '../../../shared/probes/transcript';
import { SAMSARA_VERSION } from '../../../shared/version';
import { costUsd, priceOf, type PriceTable } from './cost';
import { ProbeCancelledError, type ProviderRequestError } from './errors';
import { sendTurn, type Sleep } from './providerClient';
import type { ResolvedEndpoint } from './providers';
import type { RetryOptions } from './retryPolicy';
import { renderTemplate } from './scenarios';
import type { Semaphore } from './semaphore';
import { estimateTokens, type TokenCounter } from './tokens';
import type { ChatMessage, WireReply } from './wire/wireFormat';

/** Anthropic requires a limit on the answer; the OpenAI dialects get none (see openaiChat.ts). */
export const MAX_ANSWER_TOKENS = 1024;

/** What a live view needs to show the conversation as it happens. */
export type ProbeEvent =
  | { kind: 'turn'; turn: number; total: number; prompt: string }
  | { kind: 'delta'; turn: number; text: string }
  | { kind: 'reset'; turn: number };

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
  stream?: boolean;
  maxResponseBytes?: number;
  prices?: PriceTable;
  /** Counts tokens where the provider reports none (default: 4 characters a token). */
  counter?: TokenCounter;
  estimate?: ProbeEstimate;
  runId?: string;
  onEvent?: (event: ProbeEvent) => void;
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
  const price = run.prices ? priceOf(run.prices, run.provider, run.model) : undefined;
  let ended: { outcome: Outcome; because?: string } = { outcome: 'completed' };
  for (const [index, prompt] of prompts.entries()) {
    run.onEvent?.({ kind: 'turn', turn: index, total: prompts.length, prompt });
    messages.push({ role: 'user', content: prompt });
    const turnStart = new Date();
    const base = (): Omit<Turn, 'response' | 'tokens'> => {
      const turnEnd = new Date();
      return {
        index,
        role: index === 0 ? 'prompt' : 'followUp',
        prompt,
        startedAt: turnStart.toISOString(),
        endedAt: turnEnd.toISOString(),
        durationMs: turnEnd.getTime() - turnStart.getTime(),
        retries: 0,
      };
    };
    let result: Awaited<ReturnType<typeof sendTurn>>;
    try {
      result = await sendTurn({
        endpoint: run.endpoint,
        model: run.model,
        system: run.scenario.preamble,
        messages,
        timeoutMs: run.timeoutMs,
        retry: run.retry,
        signal: run.signal,
        semaphore: run.semaphore,
        stream: run.stream ?? false,
        maxTokens: MAX_ANSWER_TOKENS,
        maxResponseBytes: run.maxResponseBytes ?? 10_485_760,
        onDelta: (text) => run.onEvent?.({ kind: 'delta', turn: index, text }),
        onStreamReset: () => run.onEvent?.({ kind: 'reset', turn: index }),
        sleep: run.sleep,
        random: run.random,
        onRetry: ({ attempt, delayMs, error }) =>
          run.log?.(`${label} turn ${index + 1}: ${error.message} Retry ${attempt} in ${delayMs} ms.`),
      });
    } catch (error) {
      if (!(error instanceof ProbeCancelledError)) throw error;
      // The partial answer is kept, marked cancelled, so a saved transcript shows what arrived.
      const response = error.partialText;
      turns.push({
        ...base(),
        response,
        tokens: counted(run, run.scenario.preamble, messages, response),
        finish: 'cancelled',
        streamed: response !== '' ? true : undefined,
      });
      ended = { outcome: 'cancelled', because: `cancelled during turn ${index + 1}` };
      break;
    }
    if (!result.ok) {
      run.log?.(`${label} turn ${index + 1} failed: ${result.error.message}`);
      turns.push({
        ...base(),
        retries: result.retries,
        requestId: result.requestId,
        response: '',
        tokens: { input: 0, output: 0, estimated: false },
        error: turnError(result.error),
      });
      ended = { outcome: 'failed' };
      break;
    }
    const reply = result.reply;
    const tokens = counted(run, run.scenario.preamble, messages, reply.text, reply);
    turns.push({
      ...base(),
      retries: result.retries,
      requestId: result.requestId,
      response: reply.text,
      tokens,
      modelVersion: reply.modelVersion,
      systemFingerprint: reply.systemFingerprint,
      finish: reply.finish,
      finishReason: reply.finishReason,
      blockReason: reply.blockReason,
      costUsd: costUsd(price, tokens.input, tokens.output),
      streamed: result.streamed || undefined,
    });
    if (reply.text === '') {
      ended = { outcome: 'stopped', because: emptyBecause(reply) };
      run.log?.(`${label} turn ${index + 1}: ${ended.because}; the conversation stops here.`);
      break;
    }
    messages.push({ role: 'assistant', content: reply.text });
  }
  return redactDeep(assemble(run, started, turns, ended), run.endpoint.secrets);
}

/** Why an answer was empty, in the words the transcript shows: "blocked: SAFETY". */
function emptyBecause(reply: WireReply): string {
  if (reply.finish === 'blocked') return `blocked: ${reply.blockReason ?? reply.finishReason ?? 'no reason given'}`;
  if (reply.finish === 'filtered') return `filtered: ${reply.finishReason ?? 'content filter'}`;
  if (reply.finish === 'refused') return `refused${reply.finishReason ? `: ${reply.finishReason}` : ''}`;
  return `empty answer${reply.finishReason ? ` (${reply.finishReason})` : ''}`;
}

/** Reported usage when it is usable; the estimate otherwise, flagged, with the reason it was needed. */
function counted(run: ProbeRun, system: string, sent: readonly ChatMessage[], answer: string, reply?: WireReply): Tokens {
  const count = run.counter?.count ?? estimateTokens;
  const input = reply?.inputTokens ?? count(system + sent.map((m) => m.content).join(''));
  const output = reply?.outputTokens ?? count(answer);
  const tokens: Tokens = { input, output, estimated: reply?.inputTokens === undefined || reply?.outputTokens === undefined };
  if (reply?.usageProblem) tokens.usageProblem = reply.usageProblem;
  return tokens;
}

function turnError(error: ProviderRequestError): NonNullable<Turn['error']> {
  return { code: error.code, message: error.message, status: error.status, retryable: error.retryable };
}

function assemble(run: ProbeRun, started: Date, turns: Turn[], ended: { outcome: Outcome; because?: string }): Transcript {
  const endedAt = new Date();
  const errors = turns.flatMap((t) => (t.error ? [{ ...t.error, turn: t.index }] : []));
  const answered = turns.filter((t) => !t.error && t.finish !== 'cancelled');
  const costs = turns.map((t) => t.costUsd).filter((c): c is number => c !== undefined);
  const transcript: Transcript = {
    schemaVersion: TRANSCRIPT_SCHEMA_VERSION,
    run: {
      id: run.runId ?? randomUUID(),
      startedAt: started.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - started.getTime(),
      samsaraVersion: SAMSARA_VERSION,
      outcome: ended.outcome,
      ...(ended.because ? { endedBecause: ended.because } : {}),
    },
    scenario: { ...run.scenario },
    provider: run.provider,
    modelRequested: `${run.provider}:${run.model}`,
    modelVersion: answered.at(-1)?.modelVersion,
    selection: run.text,
    parameters: { stream: run.stream ?? false, maxTokens: MAX_ANSWER_TOKENS, baseUrl: displayUrl(run.endpoint.baseUrl) },
    turns,
    totals: {
      inputTokens: sum(turns.map((t) => t.tokens.input)),
      outputTokens: sum(turns.map((t) => t.tokens.output)),
      estimated: turns.some((t) => t.tokens.estimated),
      durationMs: endedAt.getTime() - started.getTime(),
      retries: sum(turns.map((t) => t.retries)),
      turns: answered.length,
      ...(costs.length > 0 ? { costUsd: Math.round(sum(costs) * 1e8) / 1e8 } : {}),
    },
    errors,
  };
  if (run.estimate) transcript.estimate = run.estimate;
  return transcript;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
