// What renaming a name does to one text: the mention "Emma" becomes "Harriet", "EMMA" becomes
// "HARRIET", "Emma's" keeps its possessive, and, where the writer chose to rename the entity's
// other names too, "Emma Woodhouse" becomes "Harriet Woodhouse". Pure: the rename feature applies
// it to every mention and to the story bible entry.
import { normaliseEntityText } from './normalise';

/** How one text changes: the stretch [start, end) of it becomes `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** `name` written in the case pattern of `like` (all capitals, all lower case, or as given). */
export function inCaseOf(like: string, name: string): string {
  const letters = like.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return name.toUpperCase();
  if (letters.length > 0 && letters === letters.toLowerCase() && letters !== letters.toUpperCase()) return name.toLowerCase();
  return name;
}

/** The name part of a mention: without a leading "the " and a trailing possessive ("'s", "s'", "’s"). */
export function namePart(text: string): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  const lead = /^the\s+/i.exec(text);
  // "the" belongs to the name when the whole mention is "The Hague": only set it aside before more words.
  if (lead && lead[0].length < text.length) start = lead[0].length;
  const possessive = /(?:['\u2019]s|s['\u2019])$/i.exec(text.slice(start));
  if (possessive && end - possessive[0].length > start) end -= possessive[0][0] === 's' || possessive[0][0] === 'S' ? 1 : 2;
  return { start, end };
}

/**
 * The change that renames `oldName` to `newName` in `text`: the whole name when `text` is that
 * name (possessive and "the" kept), or, when `inside` is set, each whole-word occurrence of it in
 * a longer name. Undefined when `text` does not hold the old name.
 */
export function renameIn(text: string, oldName: string, newName: string, inside: boolean): TextChange[] | undefined {
  const part = namePart(text);
  const core = text.slice(part.start, part.end);
  if (normaliseEntityText(core) === normaliseEntityText(oldName)) return [{ ...part, text: inCaseOf(core, newName) }];
  if (!inside) return undefined;
  const changes: TextChange[] = [];
  const wanted = oldName.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  if (wanted === '') return undefined;
  // Whole words only: letters, digits and apostrophes around the match belong to other words.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${wanted}(?![\\p{L}\\p{N}])`, 'giu');
  for (const match of core.matchAll(pattern)) {
    const start = part.start + (match.index ?? 0);
    changes.push({ start, end: start + match[0].length, text: inCaseOf(match[0], newName) });
  }
  return changes.length > 0 ? changes : undefined;
}

/** `text` with `changes` (in order, not overlapping) applied. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  let out = '';
  let at = 0;
  for (const change of changes) {
    out += text.slice(at, change.start) + change.text;
    at = change.end;
  }
  return out + text.slice(at);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
