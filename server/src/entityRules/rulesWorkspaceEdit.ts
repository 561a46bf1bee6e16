// A code action's change to a rules file, as the WorkspaceEdit the client applies (so it is undone
// like any edit): the smallest text edits on the file, or the file's creation with its first lines.
// Which file: the rules file of the workspace folder holding the document (a new
// `.samsara/entities.yaml` if it has none); without a folder, the user's own file.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { editRulesText, formatOf } from './rulesEdit';
import type { RuleEditAction } from './rulesEditOps';
import { editableRulesFile, readRulesFile } from './rulesSources';
import { textEdits } from './textEdits';

export interface RulesEditTarget {
  uri: string;
  path: string;
  /** The file's text; undefined: it does not exist yet. */
  text: string | undefined;
  scope: 'workspace' | 'user';
}

/** What the client can apply (ClientCapabilities.workspace.workspaceEdit). */
export interface EditSupport {
  documentChanges: boolean;
  createFiles: boolean;
}

/** The rules file a document's code actions edit; undefined when there is none to edit. */
export async function rulesTargetFor(
  documentUri: string,
  folders: readonly string[],
  userFile: string | undefined,
): Promise<RulesEditTarget | undefined> {
  const local = folders.filter((folder) => folder.startsWith('file:'));
  const holding = local
    .filter((folder) => documentUri.startsWith(folder.endsWith('/') ? folder : `${folder}/`))
    .sort((a, b) => b.length - a.length)[0];
  const folder = holding ?? local[0];
  let path: string;
  let scope: RulesEditTarget['scope'] = 'workspace';
  if (folder) {
    path = (await editableRulesFile(fileURLToPath(folder))).path;
  } else if (userFile) {
    path = userFile;
    scope = 'user';
  } else {
    return undefined;
  }
  const read = await readRulesFile(path);
  if ('problem' in read) return undefined;
  return { uri: pathToFileURL(path).href, path, text: 'text' in read ? read.text : undefined, scope };
}

/**
 * The edit that makes `target` say what `action` says; undefined when it already does, or when
 * the client cannot apply it (a new file needs resource operations). Throws RulesEditError when
 * the file cannot be edited (it does not parse).
 */
export function rulesWorkspaceEdit(target: RulesEditTarget, action: RuleEditAction, support: EditSupport): WorkspaceEdit | undefined {
  const after = editRulesText(target.text, formatOf(target.path), action);
  if (after === undefined) return undefined;
  if (target.text === undefined) {
    if (!support.createFiles || !support.documentChanges) return undefined;
    return {
      documentChanges: [
        { kind: 'create', uri: target.uri, options: { ignoreIfExists: true } },
        {
          textDocument: { uri: target.uri, version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: after }],
        },
      ],
    };
  }
  const edits = textEdits(target.text, after);
  return support.documentChanges
    ? { documentChanges: [{ textDocument: { uri: target.uri, version: null }, edits }] }
    : { changes: { [target.uri]: edits } };
}
