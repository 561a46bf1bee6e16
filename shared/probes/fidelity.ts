// Entity fidelity of a reply: which names of the source text the reply mentions, which it leaves
// out, and which names it brings that the source does not hold (possible inventions). A
// heuristic, not a verdict: spaCy's small model misses and mislabels names, and a model may
// refer to "Ada Lovelace" as "she" or "the mathematician". The rules, so a reader can judge:
//  - only names count: numbers, dates, amounts and percentages (DATE, TIME, MONEY, PERCENT,
//    QUANTITY, ORDINAL, CARDINAL) are left out;
//  - texts are compared normalised (case, accents, punctuation, a leading "the", a trailing 's);
//  - two entities match when their labels are compatible (PERSON with PERSON; ORG, GPE, LOC, FAC
//    and NORP with each other, as the small model swaps them) and one's words are a run of the
//    other's ("Babbage" matches "Charles Babbage");
//  - a source name also counts as mentioned when its words (or, for a person, the last name)
//    appear in the reply's text, tagged or not; a reply name whose words appear in the source
//    text is never called unsupported.
import { z } from 'zod';

export const namedEntitySchema = z.object({ text: z.string(), label: z.string() });
export type NamedEntity = z.infer<typeof namedEntitySchema>;

export const entityFidelitySchema = z.object({
  /** Names found in the source (the selection), each once. */
  source: z.array(namedEntitySchema),
  /** Names found in the reply, each once. */
  reply: z.array(namedEntitySchema),
  /** Source names the reply mentions. */
  mentioned: z.array(namedEntitySchema),
  /** Source names the reply leaves out. */
  missing: z.array(namedEntitySchema),
  /** Names in the reply that are not in the source: possible inventions. */
  unsupported: z.array(namedEntitySchema),
});
export type EntityFidelity = z.infer<typeof entityFidelitySchema>;

const NOT_NAMES = new Set(['DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY', 'ORDINAL', 'CARDINAL']);
const FAMILIES: readonly (readonly string[])[] = [['PERSON'], ['ORG', 'GPE', 'LOC', 'FAC', 'NORP']];

export function isName(label: string): boolean {
  return !NOT_NAMES.has(label);
}

export function compatibleLabels(a: string, b: string): boolean {
  if (a === b) return true;
  return FAMILIES.some((family) => family.includes(a) && family.includes(b));
}

/** Lower case, no accents, no punctuation, no leading "the" or trailing 's, single spaces. */
export function normalizeEntityText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

function words(text: string): string[] {
  return normalizeEntityText(text).split(' ').filter(Boolean);
}

/** True when `inner`'s words are a contiguous run of `outer`'s. */
function isRunOf(inner: readonly string[], outer: readonly string[]): boolean {
  if (inner.length === 0 || inner.length > outer.length) return false;
  for (let i = 0; i + inner.length <= outer.length; i++) {
    if (inner.every((w, j) => outer[i + j] === w)) return true;
  }
  return false;
}

function sameName(a: NamedEntity, b: NamedEntity): boolean {
  if (!compatibleLabels(a.label, b.label)) return false;
  const [wa, wb] = [words(a.text), words(b.text)];
  return isRunOf(wa, wb) || isRunOf(wb, wa);
}

/** Names only, each once (by normalised text and label), in order of first appearance. */
export function distinctNames(entities: readonly NamedEntity[]): NamedEntity[] {
  const seen = new Set<string>();
  const out: NamedEntity[] = [];
  for (const e of entities) {
    const key = `${e.label}\u0000${normalizeEntityText(e.text)}`;
    if (!isName(e.label) || normalizeEntityText(e.text) === '' || seen.has(key)) continue;
    seen.add(key);
    out.push({ text: e.text, label: e.label });
  }
  return out;
}

export interface FidelityInput {
  sourceText: string;
  sourceEntities: readonly NamedEntity[];
  replyText: string;
  replyEntities: readonly NamedEntity[];
}

export function entityFidelity(input: FidelityInput): EntityFidelity {
  const source = distinctNames(input.sourceEntities);
  const reply = distinctNames(input.replyEntities);
  const replyWords = words(input.replyText);
  const sourceWords = words(input.sourceText);
  const inReply = (s: NamedEntity): boolean => {
    if (reply.some((r) => sameName(s, r)) || isRunOf(words(s.text), replyWords)) return true;
    const last = words(s.text).at(-1);
    // A person is often named by the last name alone after the first mention.
    return s.label === 'PERSON' && last !== undefined && last.length > 2 && replyWords.includes(last);
  };
  const mentioned = source.filter(inReply);
  const missing = source.filter((s) => !mentioned.includes(s));
  const unsupported = reply.filter((r) => !source.some((s) => sameName(s, r)) && !isRunOf(words(r.text), sourceWords));
  return { source, reply, mentioned, missing, unsupported };
}
