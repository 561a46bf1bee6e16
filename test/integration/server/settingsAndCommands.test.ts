// Settings for clients that cannot be asked (pushed through didChangeConfiguration), the
// SAMSARA_SIDECAR_PATH override, sidecar restarts on a pipeline change, the size limit, and the
// commands the server advertises. Uses the fake sidecar: these are server behaviours.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { STANDARD_TOKEN_TYPES } from '../../../shared/entityTokens';
import { LspTestClient } from '../../helpers/lspClient';
import { fakeSidecar } from '../../helpers/paths';
import { waitFor } from '../../helpers/waitFor';

let client: LspTestClient | undefined;

/** Commands the extension contributes in package.json or registers in client/src. */
function clientCommandIds(): Set<string> {
  const root = path.resolve(__dirname, '..', '..', '..');
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string }[] };
  };
  const ids = new Set(manifest.contributes.commands.map((c) => c.command));
  const sources = readdirSync(path.join(root, 'client', 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const file of sources) {
    const text = readFileSync(path.join(root, 'client', 'src', file), 'utf8');
    for (const match of text.matchAll(/registerCommand\(\s*'([^']+)'/g)) ids.add(match[1]);
  }
  return ids;
}

afterEach(async () => {
  await client?.shutdown();
  client = undefined;
});

describe('settings and commands', () => {
  it('advertises its commands, hover and the entity features, and rejects an unknown command', async () => {
    client = await LspTestClient.start({ settings: { sidecar: { path: fakeSidecar } } });
    const capabilities = client.initializeResult.capabilities;
    assert.deepEqual(capabilities.executeCommandProvider?.commands, [
      'samsara.restartSidecar',
      'samsara.probe',
      'samsara.workspace.rescan',
      'samsara.reloadEntityRules',
    ]);
    // vscode-languageclient registers each advertised command in the editor: one the extension
    // also registers (or contributes) makes the client fail to start.
    const clientCommands = clientCommandIds();
    for (const command of capabilities.executeCommandProvider?.commands ?? []) {
      assert.ok(!clientCommands.has(command), `${command} is both a server and a client command`);
    }
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.equal(capabilities.hoverProvider, true);
    assert.ok(capabilities.documentSymbolProvider);
    assert.equal(capabilities.documentHighlightProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.equal(capabilities.workspaceSymbolProvider, true);
    // A client without dynamic registration gets the static legend at initialize.
    assert.deepEqual(capabilities.semanticTokensProvider, {
      legend: { tokenTypes: [...STANDARD_TOKEN_TYPES], tokenModifiers: [] },
      full: { delta: true },
      range: true,
    });
    await assert.rejects(client.executeCommand('samsara.nope'), /Unknown command samsara\.nope/);
  });

  it('sends a client with semantic tokens no diagnostics at the default Hint, and the entities once the severity is raised', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'samsara-fake-'));
    client = await LspTestClient.start({
      semanticTokens: true,
      noConfigurationSupport: true,
      env: { SAMSARA_SIDECAR_PATH: fakeSidecar, SAMSARA_FAKE_MODE: 'ok', SAMSARA_FAKE_STATE_DIR: stateDir },
    });
    await client.waitForStatus((s) => s.state === 'ready');
    const uri = 'file:///tokens.txt';
    await client.open(uri, 'Hello Heidi');
    // Analysed (the publication of this version goes out), yet empty: the colours show the entities.
    const quiet = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(quiet.diagnostics, []);
    const count = client.publicationCount(uri);
    await client.updateSettings({ diagnostics: { severity: 'Information' } });
    const raised = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2, { after: count });
    assert.ok(raised.diagnostics.every((d) => d.severity === 3));
  });

  it('uses pushed settings when the client cannot answer workspace/configuration, and SAMSARA_SIDECAR_PATH', async () => {
    const stateDir = mkdtempSync(path.join(tmpdir(), 'samsara-fake-'));
    client = await LspTestClient.start({
      noConfigurationSupport: true,
      env: { SAMSARA_SIDECAR_PATH: fakeSidecar, SAMSARA_FAKE_MODE: 'ok', SAMSARA_FAKE_STATE_DIR: stateDir },
    });
    const ready = await client.waitForStatus((s) => s.state === 'ready');
    assert.equal(ready.model, 'fake_model');
    const uri = 'file:///pushed.txt';
    await client.open(uri, 'Hello Heidi');
    const first = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
    assert.ok(
      first.diagnostics.every((d) => d.severity === 4),
      'Hint by default',
    );
    assert.equal(client.configurationRequests, 0, 'never asked');

    let count = client.publicationCount(uri);
    await client.updateSettings({ diagnostics: { severity: 'Information' } });
    const raised = await client.waitForDiagnostics(uri, () => true, { after: count });
    assert.ok(
      raised.diagnostics.every((d) => d.severity === 3),
      JSON.stringify(raised.diagnostics),
    );

    // A new pipeline needs a new sidecar process.
    const after = client.statuses.length;
    count = client.publicationCount(uri);
    await client.updateSettings({ diagnostics: { severity: 'Information' }, sidecar: { pipeline: 'other_pipeline' } });
    const restarting = await client.waitForStatus((s) => s.state === 'restarting', { after });
    assert.match(restarting.reason ?? '', /settings changed/);
    const again = await client.waitForStatus((s) => s.state === 'ready', { after });
    assert.notEqual(again.pid, ready.pid);
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2, { after: count });
  });

  it('skips a document over the size limit with a message, and analyses it once the limit allows', async () => {
    const settings = { sidecar: { path: fakeSidecar }, analysis: { debounceMs: 0, maxDocumentSize: 1000 } };
    client = await LspTestClient.start({ settings });
    const uri = 'file:///large.txt';
    await client.open(uri, 'Ivan '.repeat(300));
    const shown = client;
    await waitFor(
      () => shown.shown.some((m) => m.type === 2 && /over the limit of 1000.*samsara\.analysis\.maxDocumentSize/.test(m.message)),
      {
        message: 'size-limit warning shown',
      },
    );
    assert.equal(client.publicationCount(uri), 0, 'nothing analysed, nothing published');
    assert.equal((await client.stats()).skippedTooLarge, 1, 'the skip is counted in samsara/stats');
    await client.updateSettings({ ...settings, analysis: { debounceMs: 0, maxDocumentSize: 10_000 } });
    const analysed = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 300);
    assert.equal(analysed.diagnostics[299].range.start.character, 1495);
  });

  it('debounces edits: a burst of changes is analysed once, at the last version', async () => {
    client = await LspTestClient.start({ settings: { sidecar: { path: fakeSidecar }, analysis: { debounceMs: 300 } } });
    await client.waitForStatus((s) => s.state === 'ready');
    const uri = 'file:///burst.txt';
    await client.open(uri, 'Judy');
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
    const count = client.publicationCount(uri);
    const runs = (await client.stats()).runs;
    for (let v = 2; v <= 6; v++) await client.change(uri, v, [{ text: `Judy ${'Kim '.repeat(v)}` }]);
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 6, { after: count });
    assert.equal(last.diagnostics.length, 7);
    assert.equal((await client.stats()).runs - runs, 1);
    assert.equal(client.publicationCount(uri) - count, 1);
  });
});
