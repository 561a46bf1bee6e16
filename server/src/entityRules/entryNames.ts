// Where the names of one story bible entry are written in its rules file: the scalar of its `text`
// and of each alias (`- Emma` or `- { text: Emma }`), with their offsets, so a rename can edit
// exactly those characters and leave the rest of the file (comments, layout) as it is.
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export interface WrittenName {
  start: number;
  end: number;
  value: string;
  /** The scalar as written (with its quotes). */
  source: string;
}

/** The names of the entry at `known[index]`; [] when the file does not parse or has no such entry. */
export function entryNames(text: string, index: number): WrittenName[] {
  // The file was parsed when the rules were read; the same bounds apply here.
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return [];
  const entry = doc.getIn(['known', index], true);
  if (!isMap(entry)) return [];
  const names: WrittenName[] = [];
  const take = (node: unknown): void => {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    const [start, end] = node.range;
    names.push({ start, end, value: node.value, source: text.slice(start, end) });
  };
  take(entry.get('text', true));
  const aliases = entry.get('aliases', true) as Node | undefined;
  if (isSeq(aliases)) {
    for (const item of aliases.items) {
      if (isMap(item)) take(item.get('text', true));
      else take(item);
    }
  }
  return names;
}
