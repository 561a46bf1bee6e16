// Which blocks a change of the entity rules can affect, so cached results of the others carry
// over (see AnalysisCache.rulesChanged). The rule:
//
// - A known text entry added, removed or relabelled can only change a block where it can match.
//   The sidecar matches its tokens with nothing or whitespace between them, so the matched text,
//   with its whitespace removed, is the entry's text with its whitespace removed: a block whose
//   whitespace-free text does not contain that (case folded) cannot match.
// - The same holds for an ignored text added or removed (it drops an entity whose whole text
//   equals it), and for a token pattern through one of its required tokens' literal values
//   (ORTH, TEXT, LOWER, or an IN list of them). A pattern without such a literal (only REGEX,
//   FUZZY, IS_TITLE, ENT_TYPE, optional tokens…) can match anywhere: every block is affected.
// - An ignored label added affects the blocks whose results hold that label; one removed affects
//   every block (what it hid is not in any cached result).
// - Known entries that stay but change their relative order may resolve overlaps differently: all
//   entries of both lists count as changed then.
//
// Case folding is conservative: both sides are folded the same way, stronger than spaCy's `lower`.
import type { Entity, EntityRuleKnown, EntityRules } from '../protocol/sidecar';
import type { BlockChange } from '../analysis/analysisCache';

/** What a block's text is compared as: case folded, whitespace removed. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase().toLowerCase();
}

export class RuleChange implements BlockChange {
  constructor(
    /** Every block is affected. */
    readonly everything: boolean,
    /** Each changed rule can only match a block holding one of its group's strings (squashed). */
    readonly needles: readonly (readonly string[])[],
    /** Labels newly ignored: blocks whose results hold one are affected. */
    readonly labels: ReadonlySet<string>,
  ) {}

  get nothing(): boolean {
    return !this.everything && this.needles.length === 0 && this.labels.size === 0;
  }

  affects(text: string, entities: readonly Entity[] | undefined): boolean {
    if (this.everything) return true;
    if (this.labels.size > 0 && (!entities || entities.some((entity) => this.labels.has(entity.label)))) return true;
    if (this.needles.length === 0) return false;
    const haystack = squash(text);
    return this.needles.some((group) => group.some((needle) => haystack.includes(needle)));
  }

  /** For the log: what the change touches. */
  describe(): string {
    if (this.everything) return 'every block';
    const parts: string[] = [];
    if (this.needles.length > 0) parts.push(`blocks holding one of ${this.needles.length} changed name(s)`);
    if (this.labels.size > 0) parts.push(`blocks with label(s) ${[...this.labels].join(', ')}`);
    return parts.join(' and ') || 'no block';
  }
}

export function ruleChange(before: EntityRules | undefined, after: EntityRules): RuleChange {
  const old = (before?.known ?? []).map(keyOf);
  const next = after.known.map(keyOf);
  const changed = [...difference(old, next), ...difference(next, old)];
  const common = new Set(old.filter((key) => next.includes(key)));
  const reordered = !sameSequence(
    old.filter((key) => common.has(key)),
    next.filter((key) => common.has(key)),
  );
  const entries = new Map<string, EntityRuleKnown>();
  [...(before?.known ?? []), ...after.known].forEach((entry) => entries.set(keyOf(entry), entry));
  const needles: string[][] = [];
  let everything = false;
  for (const key of reordered ? [...old, ...next] : changed) {
    const group = needlesOf(entries.get(key));
    if (group === undefined) everything = true;
    else needles.push(group);
  }
  const oldTexts = (before?.ignore?.texts ?? []).map(squash);
  const newTexts = (after.ignore?.texts ?? []).map(squash);
  for (const text of [...difference(oldTexts, newTexts), ...difference(newTexts, oldTexts)]) needles.push([text]);
  const oldLabels = before?.ignore?.labels ?? [];
  const newLabels = after.ignore?.labels ?? [];
  if (difference(oldLabels, newLabels).length > 0) everything = true;
  return new RuleChange(everything, dedupe(needles), new Set(difference(newLabels, oldLabels)));
}

/** The strings a block must hold for `entry` to match in it (any one of them); undefined: anywhere. */
function needlesOf(entry: EntityRuleKnown | undefined): string[] | undefined {
  if (!entry) return undefined;
  if ('text' in entry) return [squash(entry.text)];
  let best: string[] | undefined;
  for (const token of entry.pattern) {
    if (!isRequired(token)) continue;
    const literals = tokenLiterals(token);
    // The most selective token: the one whose shortest alternative is longest.
    if (literals && (!best || shortest(literals) > shortest(best))) best = literals;
  }
  return best && best.every((literal) => literal.length > 0) ? best : undefined;
}

/** A token spec every match must contain (no OP, or one that needs at least one token). */
function isRequired(token: Record<string, unknown>): boolean {
  const op = Object.entries(token).find(([key]) => key.toUpperCase() === 'OP')?.[1];
  if (op === undefined) return true;
  if (typeof op !== 'string') return false;
  if (op === '+' || op === '1') return true;
  const counted = /^\{(\d+)(?:,\d*)?\}$/.exec(op);
  return counted !== null && Number(counted[1]) >= 1;
}

/** Strings the token's text equals (one of), from ORTH/TEXT/LOWER; undefined: no literal. */
function tokenLiterals(token: Record<string, unknown>): string[] | undefined {
  for (const [key, value] of Object.entries(token)) {
    if (!['ORTH', 'TEXT', 'LOWER'].includes(key.toUpperCase())) continue;
    if (typeof value === 'string') return [squash(value)];
    if (isRecord(value) && Object.keys(value).length === 1 && Array.isArray(value.IN) && value.IN.every((v) => typeof v === 'string')) {
      return value.IN.length > 0 ? (value.IN as string[]).map(squash) : undefined;
    }
  }
  return undefined;
}

/** A stable identity of an entry (label included: a relabelled entry is a changed one). */
function keyOf(entry: EntityRuleKnown): string {
  return JSON.stringify(entry, (_key, value: unknown) =>
    isRecord(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
  );
}

/** Elements of `a` not in `b`, counting repeats. */
function difference(a: readonly string[], b: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  return a.filter((x) => {
    const n = left.get(x) ?? 0;
    if (n > 0) left.set(x, n - 1);
    return n === 0;
  });
}

function sameSequence(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function shortest(strings: readonly string[]): number {
  return Math.min(...strings.map((s) => s.length));
}

function dedupe(groups: string[][]): string[][] {
  const seen = new Set<string>();
  return groups.filter((group) => {
    const key = JSON.stringify([...group].sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
