// The e2e scenarios of test/e2e/*.test.ts for desktop VS Code, run inside its extension host by
// @vscode/test-electron (see runDesktop.ts). Samsara is installed from the VSIX; these checks use
// the editor API instead of the DOM: semantic tokens (the highlighting), diagnostics, the hover
// and document symbol providers, the Entities view's model through the extension's API, the
// restart command, recovery after kill -9, restricted mode. Bundled by runDesktop.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { SamsaraApi } from '../../../client/src/extension';
import { labelName, type OntoNotesLabel } from '../../../shared/entityLabels';
import { LABEL_TOKEN_TYPES } from '../../../shared/entityTokens';
import { waitFor } from '../../helpers/waitFor';
import { EDITS, LONG, SAMPLE, SCENARIOS, longDocument } from '../scenarios';
import { documentSymbols, entityDiagnostics, semanticTokens, waitForNoTokens, waitForTokens, workspaceFile } from './editorReads';

const EXTENSION_ID = 'samsara-dev.samsara';
const COLOURED = Object.values(SAMPLE.coloured);

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

/** Appends a sentence and waits for `entity` in it to be highlighted. */
async function editAndExpect(editor: vscode.TextEditor, sentence: string, entity: string): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((edit) => edit.insert(end, `\n${sentence}\n`));
  await waitForTokens(editor.document, [entity], { what: `a token for "${entity}" in "${sentence}"` });
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('samsara').update(key, value, vscode.ConfigurationTarget.Global);
}

export type Scenario = [name: string, body: () => Promise<void>];

export function trustedScenarios(): Scenario[] {
  let editor: vscode.TextEditor;
  return [
    [
      SCENARIOS.highlights,
      async () => {
        const opened = Date.now();
        editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile(SAMPLE.file)));
        const types = await waitForTokens(editor.document, COLOURED, { timeoutMs: 90_000, what: `entity tokens in ${SAMPLE.file}` });
        console.log(`[desktop-e2e] first tokens ${Date.now() - opened} ms after opening sample.md`);
        assert.equal(types[SAMPLE.person], LABEL_TOKEN_TYPES.PERSON);
      },
    ],
    [
      // Colours cannot be read here; each of the five labels has a token type of its own, which
      // package.json maps to five scopes the default themes draw differently (the code-server suite
      // reads the colours).
      SCENARIOS.colours,
      async () => {
        const types = await waitForTokens(editor.document, COLOURED);
        for (const [label, text] of Object.entries(SAMPLE.coloured)) {
          assert.equal(types[text], LABEL_TOKEN_TYPES[label as OntoNotesLabel], `${text} is drawn as ${label}`);
        }
        assert.equal(new Set(Object.values(types)).size, COLOURED.length);
      },
    ],
    [
      SCENARIOS.longDocument,
      async () => {
        const uri = workspaceFile(LONG.file);
        await vscode.workspace.fs.writeFile(uri, Buffer.from(longDocument(), 'utf8'));
        const long = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(long);
        await waitForTokens(long, LONG.lastEntities, { timeoutMs: 120_000, what: `tokens on the last lines of ${LONG.file}` });
        const lastScreen = (await semanticTokens(long)).filter((token) => token.line >= long.lineCount - 60);
        assert.ok(lastScreen.length >= 30, `${lastScreen.length} tokens on the last 60 lines`);
        editor = await vscode.window.showTextDocument(editor.document);
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
      // At default settings no diagnostics at all: the colours already show every entity.
      SCENARIOS.quietProblems,
      async () => {
        const uri = editor.document.uri;
        await waitForTokens(editor.document, COLOURED, { timeoutMs: 60_000, what: `entity tokens in ${SAMPLE.file}` });
        assert.deepEqual(
          entityDiagnostics(uri).map((d) => d.message),
          [],
        );
      },
    ],
    [
      SCENARIOS.problems,
      async () => {
        const uri = editor.document.uri;
        await setSetting('diagnostics.severity', 'Information');
        try {
          const shown = await waitFor(
            () => {
              const all = entityDiagnostics(uri);
              return all.length > 0 && all.every((d) => d.severity === vscode.DiagnosticSeverity.Information) ? all : undefined;
            },
            { timeoutMs: 60_000, message: 'entity diagnostics at Information' },
          );
          const labels = new Set(shown.map((d) => String(d.code)));
          for (const label of SAMPLE.labels) assert.ok(labels.has(label), `${label} is listed`);
          assert.ok(shown.some((d) => d.message === SAMPLE.diagnosticMessage));
        } finally {
          await setSetting('diagnostics.severity', undefined);
        }
      },
    ],
    [
      SCENARIOS.outline,
      async () => {
        const symbols = await waitFor(
          async () => {
            const all = await documentSymbols(editor.document.uri);
            return all.some((s) => s.name.startsWith(SAMPLE.person)) ? all : undefined;
          },
          { timeoutMs: 60_000, message: 'entity symbols' },
        );
        for (const label of Object.keys(SAMPLE.coloured))
          assert.ok(
            symbols.some((s) => s.name === labelName(label)),
            `${label} group`,
          );
        const person = symbols.find((s) => s.name.startsWith(SAMPLE.person));
        assert.equal(person?.parent, labelName('PERSON'));
      },
    ],
    [
      SCENARIOS.entitiesView,
      async () => {
        const api = await samsara();
        await vscode.commands.executeCommand('samsara.entities.focus');
        const listed = await waitFor(() => api.listedEntities(), { timeoutMs: 30_000, message: 'the Entities view listing sample.md' });
        assert.equal(listed.uri, editor.document.uri.toString());
        const person = listed.labels.find((group) => group.label === SAMPLE.jump.label);
        const entity = person?.entities.find((candidate) => candidate.text === SAMPLE.jump.text);
        assert.ok(entity, `${SAMPLE.jump.text} is listed under ${SAMPLE.jump.label}`);
        await vscode.commands.executeCommand('samsara.entities.reveal', listed.uri, entity.mentions[0]);
        const active = vscode.window.activeTextEditor;
        assert.equal(active?.selection.active.line, SAMPLE.jump.line - 1);
        assert.equal(active?.selection.active.character, SAMPLE.jump.column - 1);
        assert.equal(active?.document.getText(active.selection), SAMPLE.jump.text);
      },
    ],
    [
      SCENARIOS.toggle,
      async () => {
        await vscode.commands.executeCommand('samsara.toggleHighlighting');
        await waitForNoTokens(editor.document, 'no entity tokens with highlighting off');
        await vscode.commands.executeCommand('samsara.toggleHighlighting');
        await waitForTokens(editor.document, COLOURED, { what: 'entity tokens back' });
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
        await editAndExpect(editor, EDITS.afterRestart.text, EDITS.afterRestart.entity);
      },
    ],
    [
      SCENARIOS.killRecovery,
      async () => {
        const api = await samsara();
        const victim = await readyPid(api);
        process.kill(victim, 'SIGKILL');
        await readyPid(api, victim);
        await editAndExpect(editor, EDITS.afterKill.text, EDITS.afterKill.entity);
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
        const document = await vscode.workspace.openTextDocument(workspaceFile(SAMPLE.file));
        await vscode.window.showTextDocument(document);
        await waitForTokens(document, COLOURED, { timeoutMs: 90_000, what: 'entity tokens from the bundled sidecar' });
        const api = await samsara();
        assert.equal(api.sidecarStatus().model, SAMPLE.model);
        assert.equal(existsSync(marker), false, 'the workspace sidecar script never ran');
      },
    ],
  ];
}
