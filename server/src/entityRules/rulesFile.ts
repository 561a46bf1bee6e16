// Reads one entity rules file's text (YAML, or JSON, which the YAML parser reads too) into its
// usable entries, each with where it is in the file, and its problems with a field path and a
// range: the log names them, and the file itself shows them as diagnostics.
import type { Range } from 'vscode-languageserver';
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { YAML_LIMITS } from '../../../shared/safeYaml';
import { formatPath, validateRules, type FieldPath, type KnownPattern, type KnownText } from './rulesSchema';

export interface RulesProblem {
  /** Field path, e.g. `known[3].label`; `(root)` for the file as a whole. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
  range: Range;
}

export interface Located<T> {
  value: T;
  /** Index within its list in the file (known entries: what the sidecar's problems refer to). */
  index: number;
  range: Range;
}

export interface RulesFileContent {
  known: Located<KnownText | KnownPattern>[];
  ignoreTexts: Located<string>[];
  ignoreLabels: Located<string>[];
  problems: RulesProblem[];
  /** False when the text is not YAML/JSON at all (then nothing in it is usable). */
  readable: boolean;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function parseRulesFile(text: string): RulesFileContent {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const empty: RulesFileContent = { known: [], ignoreTexts: [], ignoreLabels: [], problems: [], readable: false };
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const [from, to] = error.linePos ?? [];
      const start = from ? { line: from.line - 1, character: from.col - 1 } : START.start;
      const end = to ? { line: to.line - 1, character: to.col - 1 } : start;
      empty.problems.push({
        path: '(root)',
        message: `not valid YAML/JSON: ${error.message.split('\n')[0]}`,
        severity: 'error',
        range: { start, end },
      });
    }
    return empty;
  }
  let raw: unknown;
  try {
    // Aliases are expanded here: a bomb (one alias used hundreds of times) throws, and must
    // become this file's problem, never an exception out of a reload (issue 20, attack 3).
    raw = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (error) {
    const message = `cannot be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    empty.problems.push({ path: '(root)', message, severity: 'error', range: START });
    return empty;
  }
  const validated = validateRules(raw);
  const where = (path: FieldPath): Range => rangeOf(doc, path, lines);
  const index = (path: FieldPath): number => Number(path[path.length - 1]);
  return {
    known: validated.known.map(({ path, rule }) => ({ value: rule, index: index(path), range: where(path) })),
    ignoreTexts: validated.ignoreTexts.map(({ path, text }) => ({ value: text, index: index(path), range: where(path) })),
    ignoreLabels: validated.ignoreLabels.map(({ path, label }) => ({ value: label, index: index(path), range: where(path) })),
    problems: validated.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issue.message,
      severity: issue.severity,
      range: where(issue.path),
    })),
    readable: true,
  };
}

/**
 * Where `path` is in the file: a map field from its key to the end of its value, a list item as
 * itself; a path that is not there (a missing field) falls back to the nearest node above it.
 */
export function rangeOf(doc: Document, path: FieldPath, lines: LineCounter): Range {
  for (let depth = path.length; depth >= 0; depth--) {
    const at = path.slice(0, depth);
    const parent = depth === 0 ? undefined : at.length === 1 ? doc.contents : doc.getIn(at.slice(0, -1), true);
    const last = at[at.length - 1];
    if (isMap(parent) && typeof last === 'string') {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      const keyRange = isNode(pair?.key) ? pair.key.range : undefined;
      const valueRange = isNode(pair?.value) ? pair.value.range : undefined;
      if (keyRange) return toRange(keyRange[0], valueRange?.[1] ?? keyRange[1], lines);
    }
    const node = depth === 0 ? doc.contents : doc.getIn(at, true);
    if (isNode(node) && node.range) return toRange(node.range[0], node.range[1], lines);
  }
  return START;
}

function toRange(start: number, end: number, lines: LineCounter): Range {
  const a = lines.linePos(start);
  const b = lines.linePos(end);
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}
