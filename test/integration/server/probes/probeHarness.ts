// Runs probes in-process against a fake provider, with delays recorded instead of slept.
import { ProbeCancelledError } from '../../../../server/src/probes/errors';
import type { PriceTable } from '../../../../server/src/probes/cost';
import { editorRemedy } from '../../../../server/src/probes/editorRemedy';
import { runProbe } from '../../../../server/src/probes/probeRunner';
import type { ProbeEvent } from '../../../../server/src/probes/probeRun';
import type { TokenCounter } from '../../../../server/src/probes/tokens';
import { parseModelRef, resolveEndpoint } from '../../../../server/src/probes/providers';
import type { Scenario } from '../../../../shared/probes/scenario';
import { Semaphore } from '../../../../server/src/probes/semaphore';
import type { Transcript } from '../../../../shared/probes/transcript';
import type { FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';

export const MODEL_FOR: Record<FakeProvider['format'], string> = {
  openai: 'openai:gpt-4o',
  anthropic: 'anthropic:claude-3-5-haiku-latest',
  gemini: 'gemini:gemini-2.0-flash',
};

export const THREE_TURNS: Scenario = {
  id: 'three',
  title: 'Three turns',
  preamble: 'You are terse.',
  prompt: 'Summarise: {{selection}}',
  followUps: ['Why?', 'Quote "{{selection}}" back.'],
};

export const ONE_TURN: Scenario = { ...THREE_TURNS, id: 'one', followUps: [] };

export interface HarnessOptions {
  scenario?: Scenario;
  apiKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
  signal?: AbortSignal;
  semaphore?: Semaphore;
  model?: string;
  baseUrl?: string;
  stream?: boolean;
  maxResponseBytes?: number;
  maxDelayMs?: number;
  prices?: PriceTable;
  counter?: TokenCounter;
  /** Sees each event as it happens (the result lists them all too). */
  onEvent?: (event: ProbeEvent) => void;
}

export interface HarnessRun {
  transcript: Transcript;
  delays: number[];
  logs: string[];
  events: ProbeEvent[];
}

export async function probeFake(fake: FakeProvider, options: HarnessOptions = {}): Promise<HarnessRun> {
  const delays: number[] = [];
  const logs: string[] = [];
  const events: ProbeEvent[] = [];
  const spec = options.model ?? MODEL_FOR[fake.format];
  const ref = parseModelRef(spec);
  const transcript = await runProbe({
    text: 'Ada Lovelace met Charles Babbage in London.',
    provider: ref.provider,
    model: ref.model,
    scenario: options.scenario ?? THREE_TURNS,
    endpoint: resolveEndpoint(ref, options.apiKey ?? 'test-key-1234', options.baseUrl ?? fake.baseUrl),
    timeoutMs: options.timeoutMs ?? 5000,
    retry: { maxRetries: options.maxRetries ?? 3, baseDelayMs: 100, maxDelayMs: options.maxDelayMs ?? 10_000, minDelayMs: 100 },
    stream: options.stream ?? false,
    maxResponseBytes: options.maxResponseBytes,
    prices: options.prices,
    counter: options.counter,
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
    semaphore: options.semaphore ?? new Semaphore(4),
    signal: options.signal ?? new AbortController().signal,
    log: (line) => logs.push(line),
    // The editor's words for remedies, as its front door (probeCommand.ts) passes them.
    remedy: editorRemedy,
    // Delays are recorded, not slept: the retry schedule is asserted without waiting for it.
    sleep: async (ms, signal) => {
      if (signal.aborted) throw new ProbeCancelledError();
      delays.push(ms);
    },
    random: () => 0.5,
  });
  return { transcript, delays, logs, events };
}
