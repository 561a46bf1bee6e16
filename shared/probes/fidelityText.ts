// Entity fidelity in words, shared by the Markdown transcript and the compare view so both say
// the same thing: "Ada Lovelace (PERSON)" lists and a one-line count.
import type { EntityFidelity, NamedEntity } from './fidelity';

export const FIDELITY_NOTE =
  'Entity fidelity is a heuristic, not a verdict: names are found by spaCy and matched by normalised text and compatible label.';

export function entityList(entities: readonly NamedEntity[]): string {
  return entities.length === 0 ? '—' : entities.map((e) => `${e.text} (${e.label})`).join(', ');
}

/** "2 of 3 source names mentioned, 1 missing, 1 not in the source". */
export function fidelityCounts(f: EntityFidelity): string {
  return `${f.mentioned.length} of ${f.source.length} source names mentioned, ${f.missing.length} missing, ${f.unsupported.length} not in the source`;
}
