// Carries out an edit operation on a YAML rules file so that everything else stays as written:
// comments, order, quoting, blank lines, indentation. The yaml package's Document API says what
// the result must be (the parsed document with the operation applied); the text is changed only
// where the operation lands (a line inserted after a list's last item, a value replaced, an item's
// lines removed), found through the parsed nodes' source ranges. If a layout defeats that (the
// result does not parse to what it must), the document is re-printed by the Document API instead:
// comments and order still kept, spacing normalised.
import { isDeepStrictEqual } from 'node:util';
import { YAML_LIMITS } from '../../../shared/safeYaml';
import { isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { SamsaraError } from '../../../shared/errors';
import { applyOpToValue, type EditOp, type EditPath } from './rulesEditOps';

export class YamlEditError extends SamsaraError {
  constructor(message: string) {
    super('ENTITY_RULES_EDIT_FAILED', message);
  }
}

export function applyYamlOp(text: string, op: EditOp): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new YamlEditError(`the file is not valid YAML (${doc.errors[0].message.split('\n')[0]})`);
  const expected = applyOpToValue(doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }), op);
  const precise = preciseEdit(doc, text, op);
  if (precise !== undefined && parsesTo(precise, expected)) return precise;
  const reprinted = reprint(doc, text, op);
  if (parsesTo(reprinted, expected)) return reprinted;
  throw new YamlEditError(`could not apply ${op.op} at ${op.path.join('.')}`);
}

function parsesTo(text: string, expected: unknown): boolean {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && isDeepStrictEqual(doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }) ?? {}, expected);
}

function preciseEdit(doc: Document, text: string, op: EditOp): string | undefined {
  if (op.op === 'set') {
    const node = doc.getIn(op.path, true);
    if (!isScalar(node) || !node.range || typeof op.value !== 'string') return undefined;
    return splice(text, node.range[0], node.range[1], scalar(op.value));
  }
  if (op.op === 'remove') return removeItem(doc, text, op.path);
  return append(doc, text, op.path, op.value);
}

function append(doc: Document, text: string, path: EditPath, value: unknown): string | undefined {
  const node = doc.getIn(path, true);
  if (isSeq(node) && node.range) {
    const last = node.items[node.items.length - 1];
    if (node.flow) {
      if (isNode(last) && last.range) return splice(text, last.range[1], last.range[1], `, ${flowValue(value)}`);
      const close = text.lastIndexOf(']', node.range[1]);
      return close < node.range[0] ? undefined : splice(text, close, close, flowValue(value));
    }
    if (!isNode(last) || !last.range) return undefined;
    const column = columnOf(text, node.range[0]);
    return insertLines(text, lineStartAfter(text, last.range[1] - 1), blockItem(value, column));
  }
  if (node !== undefined && node !== null) return undefined;
  // The list is not there: add the missing keys under the nearest map that is.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent: unknown = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (parent === undefined || (depth === 0 && parent === null)) {
      if (depth > 0) continue;
      return insertLines(text, text.length, nested(path, value, 0));
    }
    if (!isMap(parent) || parent.flow || !parent.range || parent.items.length === 0) return undefined;
    const first = parent.items[0].key;
    if (!isNode(first) || !first.range) return undefined;
    return insertLines(text, lineStartAfter(text, parent.range[1] - 1), nested(path.slice(depth), value, columnOf(text, first.range[0])));
  }
  return undefined;
}

function removeItem(doc: Document, text: string, path: EditPath): string | undefined {
  const seq = doc.getIn(path.slice(0, -1), true);
  const index = path[path.length - 1];
  if (!isSeq(seq) || typeof index !== 'number') return undefined;
  const item = seq.items[index];
  if (!isNode(item) || !item.range) return undefined;
  if (seq.flow) {
    const next = seq.items[index + 1];
    const previous = seq.items[index - 1];
    if (isNode(next) && next.range) return splice(text, item.range[0], next.range[0], '');
    if (isNode(previous) && previous.range) return splice(text, previous.range[1], item.range[1], '');
    return splice(text, item.range[0], item.range[1], '');
  }
  const dash = text.lastIndexOf('-', item.range[0]);
  const start = text.lastIndexOf('\n', dash - 1) + 1;
  const end = lineStartAfter(text, item.range[1] - 1);
  if (seq.items.length > 1) return splice(text, start, end, '');
  // The only item: the list stays, empty, on its key's line.
  const parent = doc.getIn(path.slice(0, -2), true) ?? (path.length === 2 ? doc.contents : undefined);
  const pair = isMap(parent) ? parent.items.find((p) => p.value === seq) : undefined;
  const key = isNode(pair?.key) ? pair.key.range : undefined;
  return key ? splice(text, key[1], end, ': []\n') : undefined;
}

/** The Document API's own edit, printed in the file's indentation style. */
function reprint(doc: Document, text: string, op: EditOp): string {
  if (op.op === 'append') doc.addIn(op.path, doc.createNode(op.value));
  else if (op.op === 'set') doc.setIn(op.path, op.value);
  else doc.deleteIn(op.path);
  const indent = /^( +)\S/m.exec(text)?.[1].length ?? 2;
  const indentSeq = !/^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(text);
  return doc.toString({ lineWidth: 0, indent, indentSeq });
}

/** A block list item at `column`: `- Moon`, or a mapping's fields one per line. */
function blockItem(value: unknown, column: number): string {
  const pad = ' '.repeat(column);
  if (isRecordOfStrings(value)) {
    return Object.entries(value)
      .map(([key, field], i) => `${i === 0 ? `${pad}- ` : `${pad}  `}${key}: ${scalar(field)}`)
      .join('\n');
  }
  return `${pad}- ${typeof value === 'string' ? scalar(value) : JSON.stringify(value)}`;
}

/** Missing keys down to a list holding `value`, as block YAML indented from `column`. */
function nested(keys: EditPath, value: unknown, column: number): string {
  const lines: string[] = [];
  keys.forEach((key, i) => lines.push(`${' '.repeat(column + 2 * i)}${String(key)}:`));
  lines.push(blockItem(value, column + 2 * keys.length));
  return lines.join('\n');
}

function flowValue(value: unknown): string {
  if (isRecordOfStrings(value))
    return `{ ${Object.entries(value)
      .map(([key, field]) => `${key}: ${scalar(field)}`)
      .join(', ')} }`;
  return typeof value === 'string' ? scalar(value) : JSON.stringify(value);
}

/** A string as YAML: plain when nothing in it could read as anything else, else double-quoted. */
export function scalar(value: string): string {
  const plain =
    /^[\p{L}\p{N}][\p{L}\p{N} ._'’&-]*$/u.test(value) &&
    !/ $/.test(value) &&
    !/^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[\d._]+(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

function insertLines(text: string, at: number, lines: string): string {
  const before = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return splice(text, at, at, `${before}${lines}\n`);
}

function lineStartAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(0, offset));
  return newline < 0 ? text.length : newline + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function isRecordOfStrings(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
