// The client's side of the entity rules code actions. `samsara.labelEntityAs` ("Label "X" as…",
// "Mark "X" as…") shows a quick pick of labels, asks the server for the edit of the rules file and
// applies it; `samsara.entityRulesEdited` (after every such edit, the server's code actions name it
// too) saves the rules file, so the edit is what the server reads, and tells the server to apply it
// now rather than when the file watcher reports the save.
import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import {
  ClientCommands,
  EntityRuleEditRequest,
  EntityRulesEditedArgsSchema,
  LabelEntityArgsSchema,
  type LabelEntityArgs,
} from '../../../shared/lsp';
import { describeError, showErrorWithLogs } from '../errors';
import { runningClient, type GetClient } from '../runningClient';

const OTHER = 'Other label…';

export function registerEntityRuleCommands(getClient: GetClient, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(ClientCommands.labelEntityAs, async (raw: unknown) => {
      const args = LabelEntityArgsSchema.safeParse(raw);
      if (!args.success) {
        log.warn(`${ClientCommands.labelEntityAs}: invalid arguments ${JSON.stringify(raw)}`);
        return;
      }
      try {
        await labelEntityAs(getClient, args.data);
      } catch (error) {
        showErrorWithLogs(log, `Samsara could not edit the entity rules: ${describeError(error)}`);
      }
    }),
    vscode.commands.registerCommand(ClientCommands.entityRulesEdited, async (raw: unknown) => {
      const args = EntityRulesEditedArgsSchema.safeParse(raw);
      if (!args.success) return;
      try {
        await rulesEdited(getClient, args.data.rulesFile);
        if (args.data.reveal !== undefined) await revealEntry(args.data.rulesFile, args.data.reveal);
      } catch (error) {
        showErrorWithLogs(log, `Samsara could not apply the entity rules: ${describeError(error)}`);
      }
    }),
  ];
}

async function labelEntityAs(getClient: GetClient, args: LabelEntityArgs): Promise<void> {
  const verb = args.currentLabel === undefined ? 'Mark' : 'Label';
  const items: vscode.QuickPickItem[] = [
    ...args.labels.map((choice) => ({
      label: choice.label,
      description: choice.label === args.currentLabel ? `${choice.explanation} (now)` : choice.explanation,
    })),
    { label: OTHER, description: 'a label of your own, e.g. CHARACTER' },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `${verb} "${args.text}" as`,
    placeHolder: 'Label',
    matchOnDescription: true,
  });
  if (!picked) return;
  let label = picked.label;
  if (label === OTHER) {
    const typed = await vscode.window.showInputBox({
      title: `${verb} "${args.text}" as`,
      prompt: 'Label (letters, digits and _)',
      validateInput: (value) =>
        /^[A-Za-z][A-Za-z0-9_]*$/.test(value.trim()) ? undefined : 'Letters, digits and _, starting with a letter',
    });
    if (!typed) return;
    label = typed.trim().toUpperCase();
  }
  const client = runningClient(getClient);
  const result = await client.sendRequest(EntityRuleEditRequest, { uri: args.uri, action: { kind: 'label', text: args.text, label } });
  if (!result) {
    void vscode.window.setStatusBarMessage(`Samsara: "${args.text}" is already ${label} in the entity rules`, 4000);
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`the editor did not apply the edit of ${result.rulesFile}`);
  await rulesEdited(getClient, result.rulesFile);
}

/** Saves the rules file (the edit left it dirty, or created it), then has the server read it. */
async function rulesEdited(getClient: GetClient, rulesFile: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(rulesFile));
  if (document.isDirty && !(await document.save())) throw new Error(`${rulesFile} was not saved`);
  await runningClient(getClient).sendRequest(ExecuteCommandRequest.type, {
    command: ClientCommands.entityRulesEdited,
    arguments: [{ rulesFile }],
  });
}

/** Opens the rules file at the entry of `name` (the line that writes it as a `text`). */
async function revealEntry(rulesFile: string, name: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(rulesFile));
  const text = document.getText();
  const quoted = [`text: ${name}`, `text: "${name}"`, `text: '${name}'`, `"text": ${JSON.stringify(name)}`];
  const found = quoted.map((q) => text.lastIndexOf(q)).reduce((a, b) => Math.max(a, b), -1);
  const position = document.positionAt(found < 0 ? text.length : found);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
}
