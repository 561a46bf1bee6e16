// "Samsara: Add Names to Spelling Dictionaries": the server says which names the workspace holds
// (known names of the entity rules, names found in the documents), they become words, and each
// spell checker present in the folder gets the words its dictionary does not hold yet, after the
// user has seen how many per tool. Each file changes through a WorkspaceEdit (undoable), then is saved.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SpellingNamesRequest, SpellingNamesResultSchema } from '../../../shared/lsp';
import { newWords, wordsOfNames } from './dictionaryWords';
import { findDictionaries, readText, type DictionaryTarget } from './spellCheckers';

interface Plan {
  target: DictionaryTarget;
  before: string | undefined;
  words: string[];
}

export async function addNamesToDictionaries(client: LanguageClient, log: vscode.LogOutputChannel): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: spelling dictionaries belong to a workspace.');
    return;
  }
  const answer = SpellingNamesResultSchema.parse(await client.sendRequest(SpellingNamesRequest, { scope: 'workspace' }));
  const words = wordsOfNames(answer.names.map((name) => name.text));
  const targets = await findDictionaries(folder);
  if (targets.length === 0) {
    void vscode.window.showInformationMessage(
      'No spell checker found in this workspace: Samsara writes to cSpell (a cspell.json or the extension), LTeX+ and Harper dictionaries.',
    );
    return;
  }
  const plans: Plan[] = [];
  for (const target of targets) {
    const before = await readText(target.uri);
    plans.push({ target, before, words: newWords(target.read(before ?? ''), words, target.caseInsensitive) });
  }
  const where = answer.scope === 'workspace' ? 'the workspace' : `${answer.documents} open document(s)`;
  const todo = plans.filter((plan) => plan.words.length > 0);
  if (todo.length === 0) {
    void vscode.window.showInformationMessage(
      `The ${answer.names.length} names of ${where} are in the dictionaries already (${targets.map((t) => t.tool).join(', ')}).`,
    );
    return;
  }
  const detail = plans.map((plan) => `${plan.target.tool} (${plan.target.where}): ${plan.words.length} new word(s)`).join('\n');
  const choice = await vscode.window.showInformationMessage(
    `Add the names of ${where} (${answer.names.length} names, ${words.length} words) to the spelling dictionaries?`,
    { modal: true, detail },
    'Add',
  );
  if (choice !== 'Add') return;
  for (const plan of todo) {
    await write(plan);
    log.info(`Added ${plan.words.length} word(s) to ${plan.target.tool} (${plan.target.where}): ${plan.words.join(', ')}`);
  }
  void vscode.window.setStatusBarMessage(`Samsara: names added to ${todo.map((p) => p.target.tool).join(', ')}`, 5000);
}

/** One undoable edit of the dictionary file (created if absent), then saved. */
async function write(plan: Plan): Promise<void> {
  const { target, before } = plan;
  const after = target.add(before ?? '', plan.words);
  const edit = new vscode.WorkspaceEdit();
  if (before === undefined) {
    edit.createFile(target.uri, { ignoreIfExists: true });
    edit.insert(target.uri, new vscode.Position(0, 0), after);
  } else {
    const document = await vscode.workspace.openTextDocument(target.uri);
    const change = smallestChange(before, after);
    edit.replace(target.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`the editor did not apply the edit of ${target.where}`);
  const document = await vscode.workspace.openTextDocument(target.uri);
  if (document.isDirty) await document.save();
}

/** The one replacement that turns `before` into `after`: what lies between their common ends. */
function smallestChange(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  return { start, end: before.length - tail, text: after.slice(start, after.length - tail) };
}
