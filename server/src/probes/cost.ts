// Prices and costs. The price table is a setting (samsara.probes.prices): per provider:model, US
// dollars per million input and output tokens; a key ending in * matches every model id that
// starts with the rest ("openai:gpt-5.4-mini*" also prices its dated versions). The estimate
// before sending counts what each turn sends (system prompt, prompts, and earlier answers at an
// assumed length); the cost in a transcript comes from the usage each turn reports.
import { z } from 'zod';
import { scenarioTurns, type Scenario } from '../../../shared/probes/scenario';
import type { ProbeEstimate } from '../../../shared/probes/transcript';
import { renderTemplate, type TemplateValues } from './templates';
import type { TokenCounter } from './tokens';

export const priceSchema = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() });
export type Price = z.infer<typeof priceSchema>;
export const priceTableSchema = z.record(z.string(), priceSchema);
export type PriceTable = z.infer<typeof priceTableSchema>;

/** How long the estimate assumes each answer is, in tokens (it feeds later turns' input too). */
export const ASSUMED_ANSWER_TOKENS = 400;

export function priceOf(table: PriceTable, provider: string, model: string): Price | undefined {
  const id = `${provider}:${model}`;
  if (table[id]) return table[id];
  let best: [string, Price] | undefined;
  for (const [key, price] of Object.entries(table)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (id.startsWith(prefix) && (!best || prefix.length > best[0].length)) best = [prefix, price];
  }
  return best?.[1];
}

/** Dollars for a token count, rounded to a hundred-millionth (no float noise in transcripts). */
export function costUsd(price: Price | undefined, input: number, output: number): number | undefined {
  if (!price) return undefined;
  return Math.round(((input * price.input + output * price.output) / 1_000_000) * 1e8) / 1e8;
}

/**
 * Input tokens of every turn of the scenario, and their cost with answers of the assumed length.
 * The selection's entities are not known yet: {{entities}} counts as empty (a small under-estimate).
 */
export function estimateProbe(
  counter: TokenCounter,
  scenario: Scenario,
  text: string | Omit<TemplateValues, 'entities'>,
  price: Price | undefined,
): ProbeEstimate {
  const values: TemplateValues = { ...(typeof text === 'string' ? { selection: text } : text), entities: [] };
  const prompts = scenarioTurns(scenario).map((t) => counter.count(renderTemplate(t.prompt, values)));
  const system = counter.count(renderTemplate(scenario.preamble, values));
  let input = 0;
  let sent = system;
  prompts.forEach((prompt, turn) => {
    sent += prompt + (turn > 0 ? ASSUMED_ANSWER_TOKENS : 0);
    input += sent;
  });
  const estimate: ProbeEstimate = { inputTokens: input, method: counter.method };
  const cost = costUsd(price, input, prompts.length * ASSUMED_ANSWER_TOKENS);
  if (cost !== undefined) estimate.costUsd = cost;
  return estimate;
}
