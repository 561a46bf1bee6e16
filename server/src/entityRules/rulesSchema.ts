// The entity rules file as users write it (`.samsara/entities.yaml`, or `.json`), validated entry
// by entry: a bad entry is reported with its field path and skipped, the others apply. Field names
// are camelCase here (`caseInsensitive`); protocolRules.ts maps them to the sidecar's snake_case.
//
//   known:
//     - { text: Difference Engine, label: PRODUCT }
//     - { text: frodo baggins, label: PERSON, caseInsensitive: true }
//     - { pattern: [{ LOWER: gandalf }, { LOWER: the }, { IS_TITLE: true }], label: PERSON }
//     - { text: Paris, label: LOC, language: fr }   # only in documents written in French
//     - id: emma                                  # the story bible: one entity, its other names, notes
//       text: Emma Woodhouse
//       label: PERSON
//       aliases: [Emma, Miss Woodhouse]
//       notes: Handsome, clever and rich.
//   ignore:
//     texts: [Moon]
//     labels: [CARDINAL]
import { z } from 'zod';
import { PATTERN_COST_LIMITS, patternCost, patternCostProblem } from './patternCost';

/** Bounds that keep one file from costing the sidecar (or the editor) much: entries, lengths. */
export const RULES_LIMITS = {
  knownEntries: 10_000,
  ignoreEntries: 10_000,
  textChars: 500,
  labelChars: 100,
  patternTokens: 50,
  aliasesPerEntry: 50,
  idChars: 100,
  notesChars: 20_000,
} as const;

const nonBlank = z.string().regex(/\S/, 'must hold a non-space character');
const labelSchema = nonBlank.max(RULES_LIMITS.labelChars);
/**
 * The language of the documents an entry applies to, as spaCy names languages (`fr`, `de`, `nb`);
 * an entry without one applies in every language. A region (`fr-CA`) is not a spaCy pipeline, so
 * it is refused rather than silently read as `fr`.
 */
export const ruleLanguageSchema = z.string().regex(/^[a-z]{2,3}$/, 'must be a language code of 2 or 3 lowercase letters, such as fr or de');

/** Another name of the entity: a text, or a text with its own case option. */
export const aliasSchema = z.union([
  nonBlank.max(RULES_LIMITS.textChars),
  z.strictObject({ text: nonBlank.max(RULES_LIMITS.textChars), caseInsensitive: z.boolean().optional() }),
]);

export const knownTextSchema = z.strictObject({
  /** The story bible's handle for the entity (default: its text); letters, digits, `_ . -`. */
  id: z
    .string()
    .max(RULES_LIMITS.idChars)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u, 'must start with a letter or digit and hold only letters, digits, _ . -')
    .optional(),
  text: nonBlank.max(RULES_LIMITS.textChars),
  label: labelSchema,
  caseInsensitive: z.boolean().optional(),
  language: ruleLanguageSchema.optional(),
  /** Other names of the same entity: each mention of one is a mention of this entity. */
  aliases: z.array(aliasSchema).max(RULES_LIMITS.aliasesPerEntry).optional(),
  /** The writer's notes on the entity (Markdown), shown in the hover. */
  notes: z.string().max(RULES_LIMITS.notesChars).optional(),
});

export const knownPatternSchema = z.strictObject({
  /** spaCy token pattern: one object of token attributes (LOWER, ORTH, IS_TITLE, OP, …) per token. */
  pattern: z.array(z.record(z.string(), z.unknown())).min(1).max(RULES_LIMITS.patternTokens),
  label: labelSchema,
  language: ruleLanguageSchema.optional(),
});

export type KnownText = z.infer<typeof knownTextSchema>;
export type Alias = z.infer<typeof aliasSchema>;
export type KnownPattern = z.infer<typeof knownPatternSchema>;

/** A field path as users read it: `known[3].label`. */
export type FieldPath = (string | number)[];

export function formatPath(path: readonly (string | number | symbol)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('') || '(root)';
}

/** One thing wrong with the file, at a field path (positions are found by the caller). */
export interface SchemaIssue {
  path: FieldPath;
  message: string;
  /** The entry is skipped (error), or only something in it is odd (warning). */
  severity: 'error' | 'warning';
}

/** The usable content of a file, each entry with its path, and what was wrong. */
export interface ValidatedRules {
  known: { path: FieldPath; rule: KnownText | KnownPattern }[];
  ignoreTexts: { path: FieldPath; text: string }[];
  ignoreLabels: { path: FieldPath; label: string }[];
  issues: SchemaIssue[];
}

const TOP_KEYS = ['known', 'ignore'];
const IGNORE_KEYS = ['texts', 'labels'];

/** Validates the parsed content of a rules file; never throws. */
export function validateRules(raw: unknown): ValidatedRules {
  const out: ValidatedRules = { known: [], ignoreTexts: [], ignoreLabels: [], issues: [] };
  if (raw === null || raw === undefined) return out; // an empty file: no rules
  if (!isRecord(raw)) {
    out.issues.push({ path: [], message: 'must be a mapping with `known` and/or `ignore`', severity: 'error' });
    return out;
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key))
      out.issues.push({ path: [key], message: `unknown key (expected ${TOP_KEYS.join(', ')})`, severity: 'warning' });
  }
  readKnown(raw.known, out);
  boundPatternCost(out);
  readIgnore(raw.ignore, out);
  return out;
}

function readKnown(known: unknown, out: ValidatedRules): void {
  if (known === undefined || known === null) return;
  if (!Array.isArray(known)) {
    out.issues.push({ path: ['known'], message: 'must be a list of entries ({text, label} or {pattern, label})', severity: 'error' });
    return;
  }
  known.forEach((entry: unknown, index) => {
    const path: FieldPath = ['known', index];
    if (index >= RULES_LIMITS.knownEntries) {
      if (index === RULES_LIMITS.knownEntries)
        out.issues.push({ path, message: `more than ${RULES_LIMITS.knownEntries} entries: the rest are ignored`, severity: 'error' });
      return;
    }
    if (!isRecord(entry) || 'text' in entry === 'pattern' in entry) {
      out.issues.push({
        path,
        message: 'needs exactly one of `text` (a name) or `pattern` (a spaCy token pattern), and a `label`',
        severity: 'error',
      });
      return;
    }
    const parsed = 'text' in entry ? knownTextSchema.safeParse(entry) : knownPatternSchema.safeParse(entry);
    if (parsed.success) out.known.push({ path, rule: parsed.data });
    else
      out.issues.push(
        ...zodIssues(
          parsed.error,
          path,
          'text' in entry ? 'id, text, label, caseInsensitive, language, aliases, notes' : 'pattern, label, language',
        ),
      );
  });
}

/** Patterns over the cost bounds are skipped with an error on their entry (see patternCost.ts). */
function boundPatternCost(out: ValidatedRules): void {
  let budget: number = PATTERN_COST_LIMITS.maxVariableOpsPerRules;
  out.known = out.known.filter(({ path, rule }) => {
    if (!('pattern' in rule)) return true;
    const problem = patternCostProblem(rule.pattern, budget);
    if (problem) {
      out.issues.push({ path: [...path, 'pattern'], message: `${problem} (the entry is skipped)`, severity: 'error' });
      return false;
    }
    budget -= patternCost(rule.pattern).variableOps;
    return true;
  });
}

function readIgnore(ignore: unknown, out: ValidatedRules): void {
  if (ignore === undefined || ignore === null) return;
  if (!isRecord(ignore)) {
    out.issues.push({ path: ['ignore'], message: 'must be a mapping with `texts` and/or `labels`', severity: 'error' });
    return;
  }
  for (const key of Object.keys(ignore)) {
    if (!IGNORE_KEYS.includes(key))
      out.issues.push({ path: ['ignore', key], message: `unknown key (expected ${IGNORE_KEYS.join(', ')})`, severity: 'warning' });
  }
  readStrings(ignore.texts, ['ignore', 'texts'], RULES_LIMITS.textChars, out, (path, text) => out.ignoreTexts.push({ path, text }));
  readStrings(ignore.labels, ['ignore', 'labels'], RULES_LIMITS.labelChars, out, (path, label) => out.ignoreLabels.push({ path, label }));
}

function readStrings(
  list: unknown,
  at: FieldPath,
  maxChars: number,
  out: ValidatedRules,
  take: (path: FieldPath, value: string) => void,
): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    out.issues.push({ path: at, message: 'must be a list of strings', severity: 'error' });
    return;
  }
  list.forEach((value: unknown, index) => {
    const path = [...at, index];
    if (index >= RULES_LIMITS.ignoreEntries) {
      if (index === RULES_LIMITS.ignoreEntries)
        out.issues.push({ path, message: `more than ${RULES_LIMITS.ignoreEntries} entries: the rest are ignored`, severity: 'error' });
      return;
    }
    // A YAML scalar such as `1984` or `true` is meant as text.
    const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    const parsed = nonBlank.max(maxChars).safeParse(text);
    if (parsed.success) take(path, parsed.data);
    else out.issues.push(...zodIssues(parsed.error, path));
  });
}

function zodIssues(error: z.ZodError, at: FieldPath, fields = ''): SchemaIssue[] {
  return error.issues.flatMap((issue): SchemaIssue[] => {
    const path = [...at, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field (an entry has ${fields})`, severity: 'error' }));
    }
    // zod says "expected string, received undefined" for a field that is not there.
    const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
    return [{ path, message: missing ? 'is missing' : issue.message, severity: 'error' }];
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
