// The e2e scenarios of test/e2e/*.test.ts for desktop VS Code, run inside its extension host by
// @vscode/test-electron (see runDesktop.ts). Samsara is installed from the VSIX; these checks use
// the editor API instead of the DOM: diagnostics, the hover provider, the extension's status API,
// the restart command, recovery after kill -9, restricted mode. Bundled by runDesktop.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SamsaraApi } from '../../../client/src/extension';
import { waitFor } from '../../helpers/waitFor';
import { EDITS, SAMPLE, SCENARIOS } from '../scenarios';

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
      SCENARIOS.highlights,
      async () => {
        const uri = workspaceFile(SAMPLE.file);
        const opened = Date.now();
        editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        const diagnostics = await waitFor(
          () => (entityDiagnostics(uri).length >= SAMPLE.minEntities ? entityDiagnostics(uri) : undefined),
          {
            timeoutMs: 90_000,
            message: `entity diagnostics in ${SAMPLE.file}`,
          },
        );
        console.log(`[desktop-e2e] first diagnostics ${Date.now() - opened} ms after opening sample.md`);
        const person = diagnostics.find((d) => editor.document.getText(d.range) === SAMPLE.person);
        assert.ok(person, `${SAMPLE.person} is an entity`);
        assert.equal(person.code, SAMPLE.hoverLabel);
      },
    ],
    [
      SCENARIOS.hover,
      async () => {
        const offset = editor.document.getText().indexOf(SAMPLE.hoverWord);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          editor.document.uri,
          editor.document.positionAt(offset),
        );
        const text = hovers
          .flatMap((hover) => hover.contents)
          .map((content) => (typeof content === 'string' ? content : content.value))
          .join('\n');
        assert.match(text, new RegExp(SAMPLE.hoverLabel));
        assert.match(text, SAMPLE.hoverExplanation);
      },
    ],
    [
      SCENARIOS.problems,
      async () => {
        const all = vscode.languages.getDiagnostics();
        const forSample = all.find(([uri]) => uri.toString() === editor.document.uri.toString());
        assert.ok(forSample, 'sample.md has problems');
        const labels = new Set(forSample[1].filter((d) => d.source === 'samsara').map((d) => String(d.code)));
        for (const label of SAMPLE.labels) assert.ok(labels.has(label), `${label} is listed`);
      },
    ],
    [
      SCENARIOS.status,
      async () => {
        const api = await samsara();
        await readyPid(api);
        assert.equal(api.sidecarStatus().model, SAMPLE.model);
      },
    ],
    [
      SCENARIOS.restart,
      async () => {
        const api = await samsara();
        const old = await readyPid(api);
        await vscode.commands.executeCommand('samsara.restart');
        await readyPid(api, old);
        await editAndExpect(editor, EDITS.afterRestart.text, EDITS.afterRestart.entities);
      },
    ],
    [
      SCENARIOS.killRecovery,
      async () => {
        const api = await samsara();
        const victim = await readyPid(api);
        process.kill(victim, 'SIGKILL');
        await readyPid(api, victim);
        await editAndExpect(editor, EDITS.afterKill.text, EDITS.afterKill.entities);
      },
    ],
  ];
}

export function restrictedScenarios(marker: string): Scenario[] {
  return [
    [
      SCENARIOS.restricted,
      async () => {
        assert.equal(vscode.workspace.isTrusted, false, 'the workspace opened in restricted mode');
        const uri = workspaceFile(SAMPLE.file);
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        await waitFor(() => entityDiagnostics(uri).length >= SAMPLE.minEntities, {
          timeoutMs: 90_000,
          message: 'diagnostics from the bundled sidecar',
        });
        const api = await samsara();
        assert.equal(api.sidecarStatus().model, SAMPLE.model);
        assert.equal(existsSync(marker), false, 'the workspace sidecar script never ran');
      },
    ],
  ];
}
