// The workspace index over stdio with the real sidecar, on a temporary workspace of several files:
// entities found by name in files never opened (workspace/symbol), references across files, an
// external edit picked up through workspace/didChangeWatchedFiles, the store on disk surviving a
// restart without re-analysis (counted by samsara/stats), and a truncated store rebuilt. What the
// scan leaves out: code in Markdown, .gitignore'd folders, files.exclude, the probe transcripts,
// files over the size cap.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Location, SymbolInformation } from 'vscode-languageserver';
import { WorkspaceEntitiesRequest, type WorkspaceEntities, type WorkspaceIndexStats } from '../../../shared/lsp';
import { references } from '../../helpers/entityRequests';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const FILES: Record<string, string> = {
  'chapters/one.md': [
    '# Chapter one',
    '',
    'Ada Lovelace wrote to Charles Babbage from London about the Acme Corporation.',
    '',
    '```',
    'Microsoft Windows runs in Seattle.',
    '```',
    '',
    'Ada Lovelace later joined the Acme Corporation.',
    '',
  ].join('\n'),
  'chapters/two.md': 'The Acme Corporation opened an office in Paris.\n\nIts founder moved to Paris in May.\n',
  'notes.txt': 'Ada Lovelace visited Berlin with Charles Babbage.\n',
  '.gitignore': 'drafts/\n',
  'drafts/draft.md': 'Isaac Newton lived in Cambridge.\n',
  'build/out.md': 'Albert Einstein lived in Princeton.\n',
  '.samsara/probes/probe-1.md': 'Marie Curie lived in Warsaw.\n',
  'big.txt': `Nikola Tesla lived in Belgrade. ${'word '.repeat(400)}\n`,
};
/** Files the scan takes: not the draft (.gitignore), build (files.exclude), transcripts, big.txt (size cap). */
const SCANNED = ['chapters/one.md', 'chapters/two.md', 'notes.txt'];

const root = mkdtempSync(join(tmpdir(), 'samsara-workspace-'));
const storage = mkdtempSync(join(tmpdir(), 'samsara-workspace-store-'));
for (const [name, text] of Object.entries(FILES)) {
  mkdirSync(join(root, name, '..'), { recursive: true });
  writeFileSync(join(root, name), text);
}
const uriOf = (name: string): string => pathToFileURL(join(root, name)).href;

function start(): Promise<LspTestClient> {
  return LspTestClient.start({
    workspaceFolder: root,
    workspaceStorageFolder: storage,
    settings: { sidecar: { path: realSidecar }, analysis: { debounceMs: 0 }, workspace: { maxFileSize: 1500 } },
    sections: { 'files.exclude': { '**/build': true, '**/*.tmp': { when: '$(basename).md' } } },
  });
}

async function scanned(client: LspTestClient, scans = 1): Promise<WorkspaceIndexStats> {
  return waitFor(
    async () => {
      const workspace = (await client.stats()).workspace;
      return workspace && workspace.scans >= scans && !workspace.scanning ? workspace : undefined;
    },
    { timeoutMs: 120_000, message: 'the workspace scan', abortIf: () => client.deathNotice() },
  );
}

const symbols = (client: LspTestClient, query: string): Promise<SymbolInformation[]> => client.request('workspace/symbol', { query });
const files = (found: { location: Location }[] | Location[]): string[] =>
  [...new Set(found.map((f) => ('location' in f ? f.location.uri : f.uri)))]
    .map((uri) => uri.slice(pathToFileURL(root).href.length + 1))
    .sort();

describe('workspace index with the real sidecar', () => {
  let client: LspTestClient;

  before(async () => {
    client = await start();
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
  });

  it('scans the files of the configured languages, and only those the rules let in', async () => {
    const stats = await scanned(client);
    assert.equal(stats.filesFound, SCANNED.length, JSON.stringify(stats));
    assert.equal(stats.filesAnalyzed, SCANNED.length);
    assert.equal(stats.filesTooLarge, 1, 'big.txt is over samsara.workspace.maxFileSize');
    assert.ok(
      client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
      'file watchers registered',
    );
    assert.ok(
      client.progress.some((p) => p.value.kind === 'begin' && p.value.cancellable === true),
      'a cancellable $/progress',
    );
    assert.ok(client.progress.some((p) => p.value.kind === 'end'));
  });

  it('finds entities by name in files never opened (workspace/symbol)', async () => {
    const lovelace = await symbols(client, 'lovelace');
    assert.deepEqual(files(lovelace), ['chapters/one.md', 'notes.txt']);
    assert.equal(lovelace[0].name, 'Ada Lovelace');
    assert.match(lovelace[0].containerName ?? '', /^PERSON · \d mentions?$/);
    assert.deepEqual(lovelace.find((s) => s.location.uri === uriOf('chapters/one.md'))?.location.range.start, { line: 2, character: 0 });
    assert.deepEqual(await symbols(client, 'microsoft'), [], 'code in a Markdown fence is not prose');
    for (const left of ['newton', 'einstein', 'curie', 'tesla']) assert.deepEqual(await symbols(client, left), [], `${left} is left out`);
  });

  it('lists references across files, the open document from its live model', async () => {
    const uri = uriOf('chapters/two.md');
    await client.open(uri, `${FILES['chapters/two.md']}\nThe Acme Corporation grew.\n`, 'markdown');
    const found = await references(client, uri, { line: 0, character: 6 });
    assert.ok(found);
    assert.deepEqual(files(found), ['chapters/one.md', 'chapters/two.md']);
    assert.equal(found.filter((l) => l.uri === uri).length, 2, 'both mentions of the open version');
    assert.equal(found.filter((l) => l.uri === uriOf('chapters/one.md')).length, 2);
    // The Workspace view reads the index, which takes the open document's model in a moment later.
    const acmeFiles = async () => {
      const view = await client.request<WorkspaceEntities>(WorkspaceEntitiesRequest.method, {});
      const acme = view.labels.find((l) => l.label === 'ORG')?.entities.find((e) => /acme/i.test(e.text));
      return acme?.files.map((f) => [f.uri.slice(pathToFileURL(root).href.length + 1), f.count]);
    };
    await waitFor(
      async () =>
        JSON.stringify(await acmeFiles()) ===
        JSON.stringify([
          ['chapters/one.md', 2],
          ['chapters/two.md', 2],
        ]),
      {
        message: 'the Workspace view with the open version of two.md',
      },
    );
    await client.close(uri);
  });

  it('takes an external edit in through the file watchers', async () => {
    const saves = (await client.stats()).workspace?.store?.saves ?? 0;
    writeFileSync(join(root, 'notes.txt'), 'Grace Hopper visited Tokyo with the Navy.\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('notes.txt'), type: 2 }] });
    await waitFor(async () => files(await symbols(client, 'hopper')).includes('notes.txt'), { message: 'Hopper in notes.txt' });
    assert.deepEqual(files(await symbols(client, 'lovelace')), ['chapters/one.md'], 'the old text is gone from the index');
    // Saved (debounced) before the restart below reads the store.
    await waitFor(async () => ((await client.stats()).workspace?.store?.saves ?? 0) > saves, { message: 'the store saved' });
  });

  it('reads the store after a restart: nothing is analysed again', async () => {
    await client.shutdown();
    client = await start();
    const stats = await scanned(client);
    assert.equal(stats.filesFromStore, SCANNED.length, JSON.stringify(stats));
    assert.equal(stats.filesAnalyzed, 0);
    assert.equal((await client.stats()).blocksAnalyzed, 0, 'no block went to the sidecar');
    assert.deepEqual(files(await symbols(client, 'hopper')), ['notes.txt']);
  });

  it('discards a truncated store and rebuilds it', async () => {
    await client.shutdown();
    const file = join(storage, 'workspace-index.jsonl');
    truncateSync(file, statSync(file).size - 40);
    client = await start();
    const stats = await scanned(client);
    assert.match(stats.store?.discarded ?? '', /incomplete/);
    assert.equal(stats.filesAnalyzed, SCANNED.length);
    assert.deepEqual(files(await symbols(client, 'babbage')), ['chapters/one.md']);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.deepEqual(JSON.parse(lines.at(-1) ?? ''), { entries: lines.length - 2 }, 'a whole store written again');
  });

  it('drops the files of a deleted folder (one watcher event for the folder)', async () => {
    rmSync(join(root, 'chapters'), { recursive: true });
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('chapters'), type: 3 }] });
    await waitFor(async () => (await symbols(client, 'babbage')).length === 0, { message: 'Babbage gone with chapters/' });
    assert.deepEqual(files(await symbols(client, 'hopper')), ['notes.txt']);
  });
});
