// The e2e scenarios of test/e2e/*.test.ts for desktop VS Code, run inside its extension host by
// @vscode/test-electron (see runDesktop.ts). Samsara is installed from the VSIX; these checks use
// the editor API instead of the DOM: diagnostics, the hover provider, the extension's status API,
// the restart command, recovery after kill -9, restricted mode. Bundled by runDesktop.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SamsaraApi } from '../../../client/src/extension';
import { waitFor } from '../../helpers/waitFor';

const EXTENSION_ID = 'samsara-dev.samsara';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

function entityDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'samsara');
}

async function samsara(): Promise<SamsaraApi> {
  const extension = vscode.extensions.getExtension<SamsaraApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.isActive ? extension.exports : extension.activate();
}

async function readyPid(api: SamsaraApi, notPid?: number): Promise<number> {
  return waitFor(
    () => {
      const status = api.sidecarStatus();
      return status.state === 'ready' && status.pid !== undefined && status.pid !== notPid ? status.pid : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 100, message: `a ready sidecar${notPid ? ` other than pid ${notPid}` : ''}` },
  );
}

/** Appends a sentence and waits for at least `more` new entity diagnostics. */
async function editAndExpect(editor: vscode.TextEditor, sentence: string, more: number): Promise<void> {
  const before = entityDiagnostics(editor.document.uri).length;
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((edit) => edit.insert(end, `\n${sentence}\n`));
  await waitFor(() => entityDiagnostics(editor.document.uri).length >= before + more, {
    timeoutMs: 60_000,
    message: `diagnostics for "${sentence}"`,
  });
}

export type Scenario = [name: string, body: () => Promise<void>];

export function trustedScenarios(): Scenario[] {
  let editor: vscode.TextEditor;
  return [
    [
      'squiggles: entity diagnostics in sample.md',
      async () => {
        const uri = workspaceFile('sample.md');
        const opened = Date.now();
        editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        const diagnostics = await waitFor(() => (entityDiagnostics(uri).length >= 10 ? entityDiagnostics(uri) : undefined), {
          timeoutMs: 90_000,
          message: 'entity diagnostics in sample.md',
        });
        console.log(`[desktop-e2e] first diagnostics ${Date.now() - opened} ms after opening sample.md`);
        const ada = diagnostics.find((d) => editor.document.getText(d.range) === 'Ada Lovelace');
        assert.ok(ada, 'Ada Lovelace is an entity');
        assert.equal(ada.code, 'PERSON');
      },
    ],
    [
      'hover: label and explanation',
      async () => {
        const offset = editor.document.getText().indexOf('Lovelace');
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          editor.document.uri,
          editor.document.positionAt(offset),
        );
        const text = hovers
          .flatMap((hover) => hover.contents)
          .map((content) => (typeof content === 'string' ? content : content.value))
          .join('\n');
        assert.match(text, /PERSON/);
        assert.match(text, /People, including fictional/);
      },
    ],
    [
      'problems: every entity diagnostic is listed for the document',
      async () => {
        const all = vscode.languages.getDiagnostics();
        const forSample = all.find(([uri]) => uri.toString() === editor.document.uri.toString());
        assert.ok(forSample, 'sample.md has problems');
        const labels = new Set(forSample[1].filter((d) => d.source === 'samsara').map((d) => String(d.code)));
        for (const label of ['PERSON', 'GPE', 'MONEY', 'DATE']) assert.ok(labels.has(label), `${label} is listed`);
      },
    ],
    [
      'status: the sidecar is ready with its model',
      async () => {
        const api = await samsara();
        await readyPid(api);
        assert.equal(api.sidecarStatus().model, 'en_core_web_sm');
      },
    ],
    [
      'restart command: a new sidecar serves diagnostics',
      async () => {
        const api = await samsara();
        const old = await readyPid(api);
        await vscode.commands.executeCommand('samsara.restart');
        await readyPid(api, old);
        await editAndExpect(editor, 'Angela Merkel visited Berlin.', 2);
      },
    ],
    [
      'kill -9: the sidecar comes back and diagnostics follow edits',
      async () => {
        const api = await samsara();
        const victim = await readyPid(api);
        process.kill(victim, 'SIGKILL');
        await readyPid(api, victim);
        await editAndExpect(editor, 'Toyota opened a factory in Kentucky.', 2);
      },
    ],
  ];
}

export function restrictedScenarios(marker: string): Scenario[] {
  return [
    [
      'restricted mode: the bundled sidecar runs, the workspace sidecar path does not',
      async () => {
        assert.equal(vscode.workspace.isTrusted, false, 'the workspace opened in restricted mode');
        const uri = workspaceFile('sample.md');
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        await waitFor(() => entityDiagnostics(uri).length >= 10, { timeoutMs: 90_000, message: 'diagnostics from the bundled sidecar' });
        const api = await samsara();
        assert.equal(api.sidecarStatus().model, 'en_core_web_sm');
        assert.equal(existsSync(marker), false, 'the workspace sidecar script never ran');
      },
    ],
  ];
}
