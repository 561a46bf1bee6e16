// Issue 20 with the real server and the real bundled sidecar: a hostile workspace can do nothing.
// One server on a workspace holding every attack at once: an alias bomb as its rules file (the
// server exited within 0.5 s), links out of the folder and into /proc, FIFOs and a socket (the scan
// indexed /etc/passwd and the environment, grew past 7 GB, hung on FIFOs), then a rules file with
// a 50-optional-token pattern (3 GB in 9 s) and a backtracking REGEX (43 s per token). Restricted
// (the default: a workspace's REGEX never runs), then trusted with the user's permission (the REGEX
// runs under the sidecar's deadline). The budget is asserted as a bounded outcome: the request
// fails with an error naming the rule, the same sidecar process keeps serving, its resident memory
// stays under the address-space limit it was given. No timing assertion.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { SymbolInformation } from 'vscode-languageserver';
import { ALIAS_HUNDRED, hostileWorkspace, type HostileWorkspace } from '../../helpers/hostileWorkspace';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const MEMORY_LIMIT_MB = 1500;
const HOSTILE_TOKEN = `${'a'.repeat(29)}b`;
const optional = (n: number) => Array.from({ length: n }, () => ({ IS_ALPHA: true, OP: '?' }));
const COSTLY_RULES = JSON.stringify({
  known: [
    { pattern: optional(50), label: 'X' },
    { pattern: [{ TEXT: { REGEX: '(a+)+$' } }], label: 'X' },
    { text: 'Analytical Engine', label: 'PRODUCT' },
  ],
});

describe('a hostile workspace with the real server and sidecar', { timeout: 240_000 }, () => {
  let ws: HostileWorkspace;
  let client: LspTestClient;
  let rulesUri: string;

  before(async () => {
    ws = await hostileWorkspace();
    mkdirSync(join(ws.root, '.samsara'));
    writeFileSync(join(ws.root, '.samsara', 'entities.yaml'), ALIAS_HUNDRED);
    rulesUri = pathToFileURL(join(ws.root, '.samsara', 'entities.yaml')).href;
    client = await LspTestClient.start({
      workspaceFolder: ws.root,
      settings: { sidecar: { path: realSidecar, workers: 1, healthCheckIntervalMs: 500 }, analysis: { debounceMs: 0 } },
      // The sidecar's own budget, small enough for a test: a 1.5 GiB address space, a 2 s deadline.
      env: { SAMSARA_MEMORY_LIMIT_MB: String(MEMORY_LIMIT_MB), SAMSARA_DEADLINE_S: '2' },
    });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
    await ws?.close();
  });

  /** The one sidecar process, after a health check taken later than now: alive, the same, under the limit. */
  async function withinBudget(): Promise<void> {
    const before = (await client.stats()).sidecar.workers?.[0];
    assert.ok(before);
    const worker = await waitFor(
      async () => {
        const now = (await client.stats()).sidecar.workers?.[0];
        return now && now.healthChecks > before.healthChecks + 1 ? now : undefined;
      },
      { timeoutMs: 30_000, message: 'a fresh health check', abortIf: () => client.deathNotice() },
    );
    assert.equal(worker.starts, 1, 'the sidecar was never killed or restarted');
    assert.ok((worker.rssBytes ?? Infinity) < MEMORY_LIMIT_MB * 1024 * 1024, `resident memory ${worker.rssBytes}`);
  }

  it('an alias bomb in the rules file is a problem in that file; the server keeps serving (attack 3)', async () => {
    const shown = await client.waitForDiagnostics(rulesUri, (p) => p.diagnostics.length > 0);
    assert.match(shown.diagnostics[0].message, /Excessive alias count/);
    assert.equal(client.hasExited, false);
  });

  it('the scan reads the honest file only: no link out, no /proc, no FIFO or socket (attack 4)', async () => {
    const stats = await waitFor(
      async () => {
        const workspace = (await client.stats()).workspace;
        return workspace && workspace.scans >= 1 && !workspace.scanning ? workspace : undefined;
      },
      { timeoutMs: 120_000, message: 'the workspace scan', abortIf: () => client.deathNotice() },
    );
    assert.equal(stats.filesFound, 1, JSON.stringify(stats));
    assert.ok(stats.filesUnreadable >= 7, JSON.stringify(stats));
    const lovelace: SymbolInformation[] = await client.request('workspace/symbol', { query: 'lovelace' });
    assert.deepEqual([...new Set(lovelace.map((s) => s.location.uri))], [pathToFileURL(join(ws.root, 'notes.md')).href]);
    await withinBudget();
  });

  it('restricted: costly patterns and workspace REGEX are refused in the file, the rest applies (attacks 1-2)', async () => {
    const after = client.publicationCount(rulesUri);
    writeFileSync(join(ws.root, '.samsara', 'entities.yaml'), COSTLY_RULES);
    await client.didChangeWatchedFiles([{ uri: rulesUri, type: 2 }]);
    const shown = await client.waitForDiagnostics(rulesUri, (p) => p.diagnostics.length === 2, { after });
    assert.match(shown.diagnostics[0].message, /known\[0\]\.pattern: has 50 optional or repeating tokens/);
    assert.match(shown.diagnostics[1].message, /known\[1\]\.pattern: uses REGEX or FUZZY/);
    const uri = pathToFileURL(join(ws.root, 'engine.md')).href;
    const published = client.publicationCount(uri);
    await client.open(uri, `${HOSTILE_TOKEN} Ada Lovelace wrote notes on the Analytical Engine.`, 'markdown');
    const entities = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, { after: published, timeoutMs: 60_000 });
    assert.ok(
      entities.diagnostics.some((d) => /PRODUCT/.test(d.message)),
      JSON.stringify(entities.diagnostics),
    );
    await withinBudget();
  });

  it('trusted and allowed: the REGEX runs, its runaway match fails that request naming the rule, then is disabled (attack 2)', async () => {
    await client.close(pathToFileURL(join(ws.root, 'engine.md')).href);
    const failedBefore = (await client.stats()).failed;
    await client.updateSettings({ ...client.settings, entities: { allowWorkspaceRegex: true } });
    await waitFor(async () => (await client.stats()).entityRules?.applied === 2, { message: 'the REGEX rule applied' });
    const uri = pathToFileURL(join(ws.root, 'babbage.md')).href;
    await client.open(uri, `${HOSTILE_TOKEN} Charles Babbage built the Analytical Engine.`, 'markdown');
    await waitFor(async () => (await client.stats()).failed > failedBefore, { timeoutMs: 60_000, message: 'the failed analysis' });
    assert.match(
      client.logText(),
      /RULES_TOO_COSTLY.*known\[0\] X \[\{"TEXT": \{"REGEX": "\(a\+\)\+\$"\}\}\].*disabled until the rules change/,
    );
    const published = client.publicationCount(uri);
    await client.change(uri, 2, [{ text: `${HOSTILE_TOKEN} Charles Babbage built the Analytical Engine again.` }]);
    const entities = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, { after: published, timeoutMs: 60_000 });
    assert.ok(
      entities.diagnostics.some((d) => /PRODUCT/.test(d.message)),
      JSON.stringify(entities.diagnostics),
    );
    await withinBudget();
  });
});
