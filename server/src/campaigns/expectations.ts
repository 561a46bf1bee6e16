// Judges one transcript against a passage's expectations: one verdict per expectation, each with
// what was found. Names are matched the way entity fidelity matches them (normalised words, a run
// of them); "no name outside the source" reads the fidelity the probe recorded per turn, so it
// needs the sidecar (without it the verdict says so and fails, never passes silently).
import { normalizeEntityText } from '../../../shared/probes/fidelity';
import type { Transcript } from '../../../shared/probes/transcript';
import type { Expectations } from './campaignSchema';

export interface Verdict {
  /** "mention Ada Lovelace", "max tokens 500", "probe completed". */
  name: string;
  passed: boolean;
  detail?: string;
}

function words(text: string): string[] {
  return normalizeEntityText(text).split(' ').filter(Boolean);
}

/** Whether `name`'s words appear as a run in `text` (case, accents and punctuation aside). */
export function mentions(text: string, name: string): boolean {
  const [inner, outer] = [words(name), words(text)];
  if (inner.length === 0) return false;
  for (let i = 0; i + inner.length <= outer.length; i++) if (inner.every((w, j) => outer[i + j] === w)) return true;
  return false;
}

export function judge(t: Transcript, expect: Expectations): Verdict[] {
  const verdicts: Verdict[] = [];
  const failed = t.run.outcome !== 'completed';
  verdicts.push({
    name: 'probe completed',
    passed: !failed,
    ...(failed
      ? { detail: `${t.run.outcome}${t.run.endedBecause ? `: ${t.run.endedBecause}` : ''}${t.errors[0] ? `: ${t.errors[0].message}` : ''}` }
      : {}),
  });
  const answers = t.turns.map((turn) => turn.response);
  const all = answers.join('\n');
  for (const name of expect.mention ?? []) {
    const passed = mentions(all, name);
    verdicts.push({ name: `mention ${name}`, passed, ...(passed ? {} : { detail: 'not mentioned' }) });
  }
  for (const name of expect.notInvent ?? []) {
    const turn = answers.findIndex((a) => mentions(a, name));
    verdicts.push({ name: `not invent ${name}`, passed: turn < 0, ...(turn < 0 ? {} : { detail: `named in turn ${turn + 1}` }) });
  }
  if (expect.noNameOutsideSource) {
    const judged = t.turns.filter((turn) => turn.entities);
    const outside = [...new Set(judged.flatMap((turn) => turn.entities?.unsupported.map((e) => `${e.text} (${e.label})`) ?? []))];
    const unknown = judged.length < t.turns.filter((turn) => turn.response !== '').length;
    const passed = !unknown && outside.length === 0;
    const detail = unknown
      ? `no entity fidelity: ${t.entitiesProblem ?? 'the language model did not run'}`
      : `not in the source: ${outside.join(', ')}`;
    verdicts.push({ name: 'no name outside the source', passed, ...(passed ? {} : { detail }) });
  }
  for (const source of expect.match ?? []) {
    const passed = new RegExp(source, 'u').test(all);
    verdicts.push({ name: `match /${source}/`, passed, ...(passed ? {} : { detail: 'no answer matches' }) });
  }
  for (const source of expect.notMatch ?? []) {
    const turn = answers.findIndex((a) => new RegExp(source, 'u').test(a));
    verdicts.push({ name: `not match /${source}/`, passed: turn < 0, ...(turn < 0 ? {} : { detail: `turn ${turn + 1} matches` }) });
  }
  const perTurn = (name: string, limit: number | undefined, value: (i: number) => number | undefined, unit: string): void => {
    if (limit === undefined) return;
    const over = t.turns.map((_, i) => [i, value(i)] as const).filter(([, v]) => v !== undefined && v > limit);
    const [first] = over;
    verdicts.push({
      name: `${name} ${limit}${unit}`,
      passed: first === undefined,
      ...(first ? { detail: `turn ${first[0] + 1}: ${first[1]}${unit}` } : {}),
    });
  };
  perTurn('max tokens', expect.maxTokens, (i) => t.turns[i]?.tokens.output, '');
  perTurn('max cost', expect.maxCostUsd, (i) => t.turns[i]?.costUsd, ' USD');
  perTurn('max latency', expect.maxLatencyMs, (i) => t.turns[i]?.durationMs, ' ms');
  return verdicts;
}

/** Whether the expectations need each answer's entities (the sidecar). */
export function needsEntities(expect: Expectations): boolean {
  return expect.noNameOutsideSource === true;
}
