// Reading and adding words in each spell checker's own files, following its documented format:
// - cSpell: the `words` list of its configuration file (cspell.json and the other JSON(C) names, or
//   cspell.config.yaml / cspell.yaml), or `cSpell.words` in .vscode/settings.json;
// - LTeX+: `ltex.dictionary` in .vscode/settings.json, an object of word lists by language
//   ({"en-US": [...]}); LTeX+ joins the lists of the user, workspace and folder settings;
// - Harper: its workspace dictionary, `.harper-dictionary.txt` at the workspace root (or the file
//   `harper.workspaceDictPath` names), one word per line.
// Text in, text out: comments, order and formatting of the files are kept (jsonc-parser's modify,
// the yaml package's Document), so the edit is small and undoable.
import { applyEdits, modify, parse } from 'jsonc-parser/lib/esm/main.js';
import { isSeq, parseDocument } from 'yaml';
import { formattingOf } from '../../../shared/jsonFormatting';
import { parseYamlSafely } from '../../../shared/safeYaml';

/** cSpell's configuration files Samsara can edit, in cSpell's order of search. */
export const CSPELL_CONFIG_FILES = [
  '.cspell.json',
  'cspell.json',
  '.cSpell.json',
  'cSpell.json',
  '.cspell.jsonc',
  'cspell.jsonc',
  '.vscode/cspell.json',
  '.vscode/cSpell.json',
  '.vscode/.cspell.json',
  '.cspell.config.json',
  '.cspell.config.jsonc',
  '.cspell.config.yaml',
  '.cspell.config.yml',
  'cspell.config.json',
  'cspell.config.jsonc',
  'cspell.config.yaml',
  'cspell.config.yml',
  '.cspell.yaml',
  '.cspell.yml',
  'cspell.yaml',
  'cspell.yml',
  '.config/cspell.json',
  '.config/.cspell.json',
] as const;

export const HARPER_DICTIONARY = '.harper-dictionary.txt';

/**
 * The dictionary file a workspace setting names (`harper.workspaceDictPath`), confined to the
 * folder (issue 20, attack 7): an absolute path, or one that climbs out with `..`, is refused and
 * the default file is used instead, `problem` saying why. Returns a `/`-separated relative path.
 */
export function dictionaryPathIn(setting: unknown, fallback: string): { file: string; problem?: string } {
  if (typeof setting !== 'string' || setting.trim() === '') return { file: fallback };
  const value = setting.trim();
  const refuse = (why: string) => ({ file: fallback, problem: `harper.workspaceDictPath "${value}" ${why}; using ${fallback}` });
  if (/^(\/|[A-Za-z]:[\\/]|\\\\|~)/.test(value)) return refuse('is not inside the workspace folder');
  const parts: string[] = [];
  for (const part of value.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return refuse('leads outside the workspace folder');
      parts.pop();
    } else parts.push(part);
  }
  return parts.length > 0 ? { file: parts.join('/') } : refuse('names no file');
}

export function isYamlFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** A JSON(C) value at `path` (settings keys are flat: ['cSpell.words']), undefined if absent or unreadable. */
export function jsonValueAt(text: string, path: readonly string[]): unknown {
  let node: unknown = parse(text, [], { allowTrailingComma: true, disallowComments: false });
  for (const key of path)
    node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** `words` appended to the JSON(C) list at `path` (created if absent), the rest of the text untouched. */
export function addToJsonList(text: string, path: readonly string[], words: readonly string[]): string {
  const source = text.trim() === '' ? '{}\n' : text;
  const options = { formattingOptions: formattingOf(source) };
  const existing = jsonValueAt(source, path);
  if (!Array.isArray(existing)) return applyEdits(source, modify(source, [...path], [...words], options));
  let out = source;
  words.forEach((word, i) => {
    out = applyEdits(out, modify(out, [...path, existing.length + i], word, { ...options, isArrayInsertion: true }));
  });
  return out;
}

export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The `words` of a cSpell YAML configuration. */
export function yamlWords(text: string): string[] {
  const parsed = parseYamlSafely(text);
  return parsed.ok ? stringsOf((parsed.value as { words?: unknown } | null)?.words) : [];
}

/** `words` appended to a cSpell YAML configuration's `words` list (comments and order kept). */
export function addToYamlWords(text: string, words: readonly string[]): string {
  const doc = parseDocument(text);
  const list = doc.get('words', true);
  if (isSeq(list)) for (const word of words) list.add(doc.createNode(word));
  else doc.set('words', doc.createNode([...words]));
  return doc.toString({ lineWidth: 0 });
}

/** The words of a line-per-word dictionary (Harper), blank lines and surrounding spaces aside. */
export function lineWords(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function addLines(text: string, words: readonly string[]): string {
  if (words.length === 0) return text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const base = text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
  return `${base}${words.join(eol)}${eol}`;
}
