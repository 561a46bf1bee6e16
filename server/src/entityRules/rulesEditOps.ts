// What a code action means for the rules file, as operations on its content (append to a list,
// set a field, remove an item): "ignore X" and "X is always LABEL". Pure: the operations are then
// carried out on the text by the YAML or JSON editor, which keep everything else as it was.
import { normaliseRuleText } from './protocolRules';

export type RuleEditAction =
  /** X is never an entity (in this workspace). */
  | { kind: 'ignore'; text: string }
  /** X is always an entity of `label`. */
  | { kind: 'label'; text: string; label: string }
  /** X is an entry of the story bible, with these other names (an existing entry gains them). */
  | { kind: 'bible'; text: string; label: string; aliases: string[] };

export type EditPath = (string | number)[];

export type EditOp =
  | { op: 'append'; path: EditPath; value: unknown }
  | { op: 'set'; path: EditPath; value: unknown }
  | { op: 'remove'; path: EditPath };

/** The operations that make a file with `content` say what `action` says; [] when it already does. */
export function opsFor(content: unknown, action: RuleEditAction): EditOp[] {
  const root = isRecord(content) ? content : {};
  const known = Array.isArray(root.known) ? (root.known as unknown[]) : [];
  const ignore = isRecord(root.ignore) ? root.ignore : {};
  const texts = Array.isArray(ignore.texts) ? (ignore.texts as unknown[]) : [];
  const text = normaliseRuleText(action.text);
  const folded = text.toLowerCase();
  const ops: EditOp[] = [];
  if (action.kind === 'ignore') {
    // The known entries for the same text go: ignoring wins over them anyway.
    known.forEach((entry, i) => {
      if (knownText(entry)?.toLowerCase() === folded) ops.push({ op: 'remove', path: ['known', i] });
    });
    if (!texts.some((t) => typeof t === 'string' && normaliseRuleText(t).toLowerCase() === folded))
      ops.push({ op: 'append', path: ['ignore', 'texts'], value: text });
  } else {
    // Ignoring would win over the new label: the text leaves the ignore list.
    texts.forEach((t, i) => {
      if (typeof t === 'string' && normaliseRuleText(t).toLowerCase() === folded) ops.push({ op: 'remove', path: ['ignore', 'texts', i] });
    });
    const same = known.findIndex((entry) => matchesExactly(entry, text));
    const aliases = action.kind === 'bible' ? action.aliases.map(normaliseRuleText).filter((a) => a !== '' && a !== text) : [];
    if (same < 0) {
      const entry: Record<string, unknown> = { text, label: action.label };
      if (aliases.length > 0) entry.aliases = aliases;
      if (action.kind === 'bible') entry.notes = '';
      ops.push({ op: 'append', path: ['known'], value: entry });
    } else {
      const existing = known[same] as Record<string, unknown>;
      if (existing.label !== action.label) ops.push({ op: 'set', path: ['known', same, 'label'], value: action.label });
      const had = Array.isArray(existing.aliases) ? existing.aliases : [];
      const written = new Set(had.map((a) => (typeof a === 'string' ? a : isRecord(a) && typeof a.text === 'string' ? a.text : '')));
      const missing = aliases.filter((a) => !written.has(a));
      if (missing.length > 0) ops.push({ op: 'set', path: ['known', same, 'aliases'], value: [...had, ...missing] });
    }
  }
  // Removals from the end of each list first, so the indices of the others stay right.
  return ops.sort((a, b) => order(a) - order(b) || lastIndex(b) - lastIndex(a));
}

/** `content` with `op` applied (what the edited text must parse to). */
export function applyOpToValue(content: unknown, op: EditOp): unknown {
  const root: unknown = structuredClone(content ?? {});
  const parentPath = op.path.slice(0, -1);
  const last = op.path[op.path.length - 1];
  if (op.op === 'append') {
    const list = ensure(root, op.path, () => []);
    if (!Array.isArray(list)) throw new Error(`${op.path.join('.')} is not a list`);
    list.push(op.value);
    return root;
  }
  const parent = ensure(root, parentPath, () => ({}));
  if (op.op === 'remove') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (isRecord(parent)) delete parent[String(last)];
  } else if (isRecord(parent) || Array.isArray(parent)) {
    (parent as Record<string | number, unknown>)[last] = op.value;
  }
  return root;
}

function ensure(root: unknown, path: EditPath, create: () => unknown): unknown {
  let node = root;
  path.forEach((key, i) => {
    const holder = node as Record<string | number, unknown>;
    if (holder[key] === undefined || holder[key] === null) holder[key] = i === path.length - 1 ? create() : {};
    node = holder[key];
  });
  return node;
}

function knownText(entry: unknown): string | undefined {
  return isRecord(entry) && typeof entry.text === 'string' ? normaliseRuleText(entry.text) : undefined;
}

/** An entry the sidecar applies to exactly `text` (as written, or case-insensitively when it says so). */
function matchesExactly(entry: unknown, text: string): boolean {
  const own = knownText(entry);
  if (own === undefined) return false;
  return own === text || (isRecord(entry) && entry.caseInsensitive === true && own.toLowerCase() === text.toLowerCase());
}

function order(op: EditOp): number {
  return op.op === 'remove' ? 0 : op.op === 'set' ? 1 : 2;
}

function lastIndex(op: EditOp): number {
  const last = op.path[op.path.length - 1];
  return typeof last === 'number' ? last : -1;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
