// Which spell and grammar checkers a workspace folder uses, and where each keeps its dictionary.
// A checker counts as present when its configuration or dictionary file is in the folder, or its
// extension is installed: cSpell (streetsidesoftware.code-spell-checker), LTeX+
// (ltex-plus.vscode-ltex-plus, or the original valentjn.vscode-ltex), Harper (elijah-potter.harper).
import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';
import {
  addLines,
  addToJsonList,
  addToYamlWords,
  CSPELL_CONFIG_FILES,
  dictionaryPathIn,
  HARPER_DICTIONARY,
  isYamlFile,
  jsonValueAt,
  lineWords,
  stringsOf,
  yamlWords,
} from './dictionaryFiles';

export type SpellChecker = 'cSpell' | 'LTeX+' | 'Harper';

export interface DictionaryTarget {
  tool: SpellChecker;
  uri: vscode.Uri;
  /** Where, for the user: `cspell.json`, `.vscode/settings.json (ltex.dictionary en-US)`. */
  where: string;
  /** Whether the tool compares words ignoring case (cSpell does by default). */
  caseInsensitive: boolean;
  read(text: string): string[];
  add(text: string, words: string[]): string;
}

const EXTENSIONS: Record<SpellChecker, readonly string[]> = {
  cSpell: ['streetsidesoftware.code-spell-checker'],
  'LTeX+': ['ltex-plus.vscode-ltex-plus', 'valentjn.vscode-ltex'],
  Harper: ['elijah-potter.harper'],
};

const SETTINGS = '.vscode/settings.json';

function installed(tool: SpellChecker): boolean {
  return EXTENSIONS[tool].some((id) => vscode.extensions.getExtension(id) !== undefined);
}

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

function settingsTarget(tool: SpellChecker, folder: vscode.Uri, path: string[], label: string): DictionaryTarget {
  return {
    tool,
    uri: vscode.Uri.joinPath(folder, SETTINGS),
    where: `${SETTINGS} (${label})`,
    caseInsensitive: tool === 'cSpell',
    read: (text) => stringsOf(jsonValueAt(text, path)),
    add: (text, words) => addToJsonList(text, path, words),
  };
}

/** The dictionaries of the checkers present in `folder`. */
export async function findDictionaries(folder: vscode.WorkspaceFolder): Promise<DictionaryTarget[]> {
  const targets: DictionaryTarget[] = [];
  const settingsText = (await readText(vscode.Uri.joinPath(folder.uri, SETTINGS))) ?? '';
  let cspellFile: string | undefined;
  for (const name of CSPELL_CONFIG_FILES) {
    if ((await readText(vscode.Uri.joinPath(folder.uri, name))) !== undefined) {
      cspellFile = name;
      break;
    }
  }
  if (cspellFile && !(await staysInside(folder.uri, vscode.Uri.joinPath(folder.uri, cspellFile)))) cspellFile = undefined;
  if (cspellFile) {
    const yaml = isYamlFile(cspellFile);
    targets.push({
      tool: 'cSpell',
      uri: vscode.Uri.joinPath(folder.uri, cspellFile),
      where: cspellFile,
      caseInsensitive: true,
      read: (text) => (yaml ? yamlWords(text) : stringsOf(jsonValueAt(text, ['words']))),
      add: (text, words) => (yaml ? addToYamlWords(text, words) : addToJsonList(text, ['words'], words)),
    });
  } else if (installed('cSpell') || jsonValueAt(settingsText, ['cSpell.words']) !== undefined) {
    targets.push(settingsTarget('cSpell', folder.uri, ['cSpell.words'], 'cSpell.words'));
  }
  if (installed('LTeX+') || jsonValueAt(settingsText, ['ltex.dictionary']) !== undefined) {
    const setting = vscode.workspace.getConfiguration('ltex', folder.uri).get<unknown>('language');
    const language = typeof setting === 'string' && setting !== '' && setting !== 'auto' ? setting : 'en-US';
    targets.push(settingsTarget('LTeX+', folder.uri, ['ltex.dictionary', language], `ltex.dictionary ${language}`));
  }
  const harper = dictionaryPathIn(
    vscode.workspace.getConfiguration('harper', folder.uri).get<unknown>('workspaceDictPath'),
    HARPER_DICTIONARY,
  );
  const harperFile = harper.file;
  const harperUri = vscode.Uri.joinPath(folder.uri, harperFile);
  // A link out of the folder is refused like a path out of it: Samsara writes to this file.
  if ((await staysInside(folder.uri, harperUri)) && (installed('Harper') || (await readText(harperUri)) !== undefined)) {
    targets.push({ tool: 'Harper', uri: harperUri, where: harperFile, caseInsensitive: false, read: lineWords, add: addLines });
  }
  return targets;
}

/** Whether `uri` (once links are resolved, when it exists) is inside `folder`. */
async function staysInside(folder: vscode.Uri, uri: vscode.Uri): Promise<boolean> {
  if (folder.scheme !== 'file' || uri.scheme !== 'file') return true;
  try {
    const [root, real] = await Promise.all([realpath(folder.fsPath), realpath(uri.fsPath)]);
    const rel = relative(root, real);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  } catch {
    // Not there yet: the path itself was checked (dictionaryPathIn); a dangling link is not.
    return !(await lstat(uri.fsPath).then(
      (info) => info.isSymbolicLink(),
      () => false,
    ));
  }
}
