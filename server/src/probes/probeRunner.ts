// Runs one scenario against one model: the prompt, then each follow-up, carrying the whole
// conversation each turn, and records everything in a transcript. Stops at the first failed
// turn (a follow-up without the previous answer would be a different conversation), at an empty
// answer (filtered, refused, blocked: an empty assistant message is never sent as history), and
// at a cancel, keeping what had streamed in, marked cancelled. With pseudonymisation, what is
// sent (and carried as history) holds placeholders; what the user sees has the names restored.
// Each answer's entity fidelity is worked out by the sidecar when one is given (analyze).
import { redactDeep } from '../../../shared/redact';
import { entityFidelity } from '../../../shared/probes/fidelity';
import type { Transcript, Turn } from '../../../shared/probes/transcript';
import { costUsd, priceOf } from './cost';
import { InvalidParameterError, ProbeCancelledError } from './errors';
import { prepareProbe, type PreparedProbe } from './probePreparation';
import type { ProbeRun } from './probeRun';
import { assembleTranscript, counted, emptyBecause, turnError, type Ended } from './probeTranscript';
import { sendTurn } from './providerClient';
import { StreamRestorer } from './pseudonymizer';
import { DEFAULT_MAX_TOKENS, type ChatMessage } from './wire/wireFormat';

/** Anthropic requires a limit on the answer; the OpenAI dialects get none unless the scenario sets one. */
export const MAX_ANSWER_TOKENS = DEFAULT_MAX_TOKENS;

export async function runProbe(run: ProbeRun): Promise<Transcript> {
  const started = new Date();
  const { temperature } = run.scenario;
  if (temperature !== undefined && temperature > run.endpoint.wire.maxTemperature) {
    throw new InvalidParameterError(
      run.scenario.id,
      'temperature',
      temperature,
      `${run.endpoint.info.label} takes 0 to ${run.endpoint.wire.maxTemperature}`,
    );
  }
  const prepared = await prepareProbe({ ...run, selection: run.text });
  const maxTokens = run.scenario.maxTokens ?? (run.endpoint.wire.name === 'anthropic-messages' ? MAX_ANSWER_TOKENS : undefined);
  const sampling = { maxTokens, temperature };
  const request = run.endpoint.wire.parameterFields({ ...sampling, tokenLimitField: run.endpoint.info.tokenLimitField });
  const system = prepared.preamble.sent;
  const restore = (text: string): string => prepared.pseudonymizer?.restore(text) ?? text;
  const messages: ChatMessage[] = [];
  const turns: Turn[] = [];
  const label = `${run.endpoint.info.label} ${run.model}`;
  const price = run.prices ? priceOf(run.prices, run.provider, run.model) : undefined;
  let entitiesProblem = prepared.entitiesProblem;
  let ended: Ended = { outcome: 'completed' };
  for (const [index, planned] of prepared.turns.entries()) {
    run.onEvent?.({ kind: 'turn', turn: index, total: prepared.turns.length, prompt: planned.prompt });
    messages.push({ role: 'user', content: planned.sent });
    const turnStart = new Date();
    const base = (): Omit<Turn, 'response' | 'tokens'> => {
      const turnEnd = new Date();
      return {
        index,
        role: planned.role,
        ...(planned.label ? { label: planned.label } : {}),
        prompt: planned.prompt,
        ...(planned.sent !== planned.prompt ? { sentPrompt: planned.sent } : {}),
        startedAt: turnStart.toISOString(),
        endedAt: turnEnd.toISOString(),
        durationMs: turnEnd.getTime() - turnStart.getTime(),
        retries: 0,
      };
    };
    const restorer = new StreamRestorer(restore);
    // Whether this attempt showed any text: only then does a retry void something the user saw.
    let shown = false;
    const emit = (text: string): void => {
      if (text === '') return;
      shown = true;
      run.onEvent?.({ kind: 'delta', turn: index, text });
    };
    let result: Awaited<ReturnType<typeof sendTurn>>;
    try {
      result = await sendTurn({
        endpoint: run.endpoint,
        model: run.model,
        system,
        messages,
        timeoutMs: run.timeoutMs,
        retry: run.retry,
        signal: run.signal,
        semaphore: run.semaphore,
        stream: run.stream ?? false,
        sampling,
        maxResponseBytes: run.maxResponseBytes ?? 10_485_760,
        onDelta: (text) => emit(restorer.push(text)),
        onStreamReset: () => {
          restorer.flush();
          if (shown) run.onEvent?.({ kind: 'reset', turn: index });
          shown = false;
        },
        sleep: run.sleep,
        random: run.random,
        onRetry: ({ attempt, delayMs, error }) =>
          run.log?.(`${label} turn ${index + 1}: ${error.message} Retry ${attempt} in ${delayMs} ms.`),
      });
    } catch (error) {
      if (!(error instanceof ProbeCancelledError)) throw error;
      // The partial answer is kept, marked cancelled, so a saved transcript shows what arrived.
      const raw = error.partialText;
      turns.push({
        ...base(),
        ...answerTexts(raw, restore),
        tokens: counted(run, system, messages, raw),
        finish: 'cancelled',
        streamed: raw !== '' ? true : undefined,
      });
      ended = { outcome: 'cancelled', because: `cancelled during turn ${index + 1}` };
      break;
    }
    emit(restorer.flush());
    if (!result.ok) {
      // Not logged here: every front door tells the failure once, from the transcript's errors.
      turns.push({
        ...base(),
        retries: result.retries,
        requestId: result.requestId,
        response: '',
        tokens: { input: 0, output: 0, estimated: false },
        error: turnError(result.error, run),
      });
      ended = { outcome: 'failed' };
      break;
    }
    const reply = result.reply;
    const tokens = counted(run, system, messages, reply.text, reply);
    const texts = answerTexts(reply.text, restore);
    const fidelity = await replyFidelity(run, prepared, texts.response, entitiesProblem);
    entitiesProblem = fidelity.problem;
    turns.push({
      ...base(),
      retries: result.retries,
      requestId: result.requestId,
      ...texts,
      tokens,
      modelVersion: reply.modelVersion,
      systemFingerprint: reply.systemFingerprint,
      finish: reply.finish,
      finishReason: reply.finishReason,
      blockReason: reply.blockReason,
      costUsd: costUsd(price, tokens.input, tokens.output),
      streamed: result.streamed || undefined,
      ...(fidelity.entities ? { entities: fidelity.entities } : {}),
    });
    if (reply.text === '') {
      ended = { outcome: 'stopped', because: emptyBecause(reply) };
      run.log?.(`${label} turn ${index + 1}: ${ended.because}; the conversation stops here.`);
      break;
    }
    // The model's own words go back as history, placeholders and all: it never saw the names.
    messages.push({ role: 'assistant', content: reply.text });
  }
  const transcript = assembleTranscript({ run, prepared, started, turns, ended, request, maxTokens, entitiesProblem });
  return redactDeep(transcript, run.endpoint.secrets);
}

/** The answer with names restored; the raw one too when restoring changed it. */
function answerTexts(raw: string, restore: (text: string) => string): { response: string; rawResponse?: string } {
  const response = restore(raw);
  return response === raw ? { response } : { response, rawResponse: raw };
}

/** The answer's entity fidelity; after one failure of the sidecar, no more are asked for. */
async function replyFidelity(
  run: ProbeRun,
  prepared: PreparedProbe,
  response: string,
  problem: string | undefined,
): Promise<{ entities?: Turn['entities']; problem?: string }> {
  if (!run.analyze || !prepared.sourceEntities || problem !== undefined || response === '') return { problem };
  try {
    const [replyEntities] = await run.analyze([response]);
    const entities = entityFidelity({
      sourceText: run.text,
      sourceEntities: prepared.sourceEntities,
      replyText: response,
      replyEntities: replyEntities ?? [],
    });
    return { entities };
  } catch (error) {
    return { problem: `the sidecar could not analyse an answer: ${error instanceof Error ? error.message : String(error)}` };
  }
}
