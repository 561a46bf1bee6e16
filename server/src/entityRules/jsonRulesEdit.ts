// Carries out an edit operation on a JSON rules file (`.samsara/entities.json`) with jsonc-parser's
// `modify`, which changes only the text the operation needs and keeps the file's own formatting
// (and comments, should a JSONC-minded user have written some).
import { applyEdits, modify, parseTree, findNodeAtLocation } from 'jsonc-parser/lib/esm/main.js';
import type { EditOp } from './rulesEditOps';
import { formattingOf } from '../../../shared/jsonFormatting';

export function applyJsonOp(text: string, op: EditOp): string {
  const options = { formattingOptions: formattingOf(text) };
  const source = text.trim() === '' ? '{}\n' : text;
  if (op.op === 'append') {
    const list = findNodeAtLocation(parseTree(source) ?? { type: 'null', offset: 0, length: 0 }, op.path);
    const edits =
      list?.type === 'array'
        ? modify(source, [...op.path, list.children?.length ?? 0], op.value, { ...options, isArrayInsertion: true })
        : modify(source, op.path, [op.value], options);
    return applyEdits(source, edits);
  }
  return applyEdits(source, modify(source, op.path, op.op === 'set' ? op.value : undefined, options));
}
