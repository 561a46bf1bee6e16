// Builds a probe's transcript from its turns: run facts, totals, the scenario as it was, the
// parameters exactly as sent, and the pseudonymisation mapping. Kept apart from the turn loop
// (probeRunner.ts) so each file has one job.
import { randomUUID } from 'node:crypto';
import { displayUrl } from '../../../shared/redact';
import { TRANSCRIPT_SCHEMA_VERSION, type Outcome, type Tokens, type Transcript, type Turn } from '../../../shared/probes/transcript';
import { SAMSARA_VERSION } from '../../../shared/version';
import { withRemedy, type ProviderRequestError } from './errors';
import type { ProbeRun } from './probeRun';
import type { PreparedProbe } from './probePreparation';
import { estimateTokens } from './tokens';
import type { ChatMessage, WireReply } from './wire/wireFormat';

export interface Ended {
  outcome: Outcome;
  because?: string;
}

/** Why an answer was empty, in the words the transcript shows: "blocked: SAFETY". */
export function emptyBecause(reply: WireReply): string {
  if (reply.finish === 'blocked') return `blocked: ${reply.blockReason ?? reply.finishReason ?? 'no reason given'}`;
  if (reply.finish === 'filtered') return `filtered: ${reply.finishReason ?? 'content filter'}`;
  if (reply.finish === 'refused') return `refused${reply.finishReason ? `: ${reply.finishReason}` : ''}`;
  return `empty answer${reply.finishReason ? ` (${reply.finishReason})` : ''}`;
}

/** Reported usage when it is usable; the estimate otherwise, flagged, with the reason it was needed. */
export function counted(run: ProbeRun, system: string, sent: readonly ChatMessage[], answer: string, reply?: WireReply): Tokens {
  const count = run.counter?.count ?? estimateTokens;
  const input = reply?.inputTokens ?? count(system + sent.map((m) => m.content).join(''));
  const output = reply?.outputTokens ?? count(answer);
  const tokens: Tokens = { input, output, estimated: reply?.inputTokens === undefined || reply?.outputTokens === undefined };
  if (reply?.usageProblem) tokens.usageProblem = reply.usageProblem;
  return tokens;
}

/** A failed turn as recorded, with the front door's remedy after the engine's facts. */
export function turnError(error: ProviderRequestError, run: Pick<ProbeRun, 'provider' | 'remedy'>): NonNullable<Turn['error']> {
  const message = withRemedy(error.message, { ...error.problem, provider: error.provider ?? run.provider }, run.remedy);
  return { code: error.code, message, status: error.status, retryable: error.retryable };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export interface Assembly {
  run: ProbeRun;
  prepared: PreparedProbe;
  started: Date;
  turns: Turn[];
  ended: Ended;
  /** The sampling fields as the provider's API received them. */
  request: Record<string, number>;
  maxTokens: number | undefined;
  entitiesProblem: string | undefined;
}

export function assembleTranscript(a: Assembly): Transcript {
  const { run, turns, ended, prepared } = a;
  const endedAt = new Date();
  const errors = turns.flatMap((t) => (t.error ? [{ ...t.error, turn: t.index }] : []));
  const answered = turns.filter((t) => !t.error && t.finish !== 'cancelled');
  const costs = turns.map((t) => t.costUsd).filter((c): c is number => c !== undefined);
  const s = run.scenario;
  const transcript: Transcript = {
    schemaVersion: TRANSCRIPT_SCHEMA_VERSION,
    run: {
      id: run.runId ?? randomUUID(),
      startedAt: a.started.toISOString(),
      endedAt: endedAt.toISOString(),
      durationMs: endedAt.getTime() - a.started.getTime(),
      samsaraVersion: SAMSARA_VERSION,
      outcome: ended.outcome,
      ...(ended.because ? { endedBecause: ended.because } : {}),
      ...(run.group ? { group: run.group } : {}),
    },
    scenario: { ...s, followUps: [...s.followUps] },
    provider: run.provider,
    modelRequested: `${run.provider}:${run.model}`,
    modelVersion: answered.at(-1)?.modelVersion,
    selection: run.text,
    ...(run.file !== undefined ? { file: run.file } : {}),
    ...(run.lines ? { lines: { start: run.lines.start, end: run.lines.end } } : {}),
    ...(run.entity ? { entity: { text: run.entity.text, label: run.entity.label } } : {}),
    parameters: {
      stream: run.stream ?? false,
      ...(a.maxTokens !== undefined ? { maxTokens: a.maxTokens } : {}),
      ...(s.temperature !== undefined ? { temperature: s.temperature } : {}),
      ...(s.maxTurns !== undefined ? { maxTurns: s.maxTurns } : {}),
      request: a.request,
      baseUrl: displayUrl(run.endpoint.baseUrl),
    },
    turns,
    totals: {
      inputTokens: sum(turns.map((t) => t.tokens.input)),
      outputTokens: sum(turns.map((t) => t.tokens.output)),
      estimated: turns.some((t) => t.tokens.estimated),
      durationMs: endedAt.getTime() - a.started.getTime(),
      retries: sum(turns.map((t) => t.retries)),
      turns: answered.length,
      ...(costs.length > 0 ? { costUsd: Math.round(sum(costs) * 1e8) / 1e8 } : {}),
    },
    errors,
  };
  if (run.estimate) transcript.estimate = run.estimate;
  if (a.entitiesProblem) transcript.entitiesProblem = a.entitiesProblem;
  const p = prepared.pseudonymizer;
  if (p) {
    transcript.pseudonymization = {
      labels: [...p.labels],
      mapping: p.mapping,
      ...(prepared.preamble.sent !== prepared.preamble.real ? { sentPreamble: prepared.preamble.sent } : {}),
    };
  }
  return transcript;
}
