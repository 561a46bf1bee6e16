// The language server over stdio with the REAL bundled spaCy sidecar (python-dist/): exact
// ranges (emoji, CRLF), hovers, incremental edits, close, configuration changes, and recovery
// from a kill -9 of the sidecar and of the server itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { isAlive, waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const settings = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  sidecar: { path: realSidecar, workers: 1 },
  analysis: { debounceMs: 0 },
  ...extra,
});

const DOC = [
  '😀 Barack Obama was born in Honolulu, Hawaii on August 4, 1961.',
  'He met Angela Merkel in Berlin.',
  '',
  'Angela Merkel visited Paris. Angela Merkel met Emmanuel Macron in Paris.',
].join('\r\n');

function find(diagnostics: Diagnostic[], label: string, line: number, character: number): Diagnostic | undefined {
  return diagnostics.find((d) => d.code === label && d.range.start.line === line && d.range.start.character === character);
}

describe('language server with the real sidecar', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: settings() });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
  });

  it('publishes one diagnostic per entity with exact UTF-16 ranges in a CRLF document with emoji', async () => {
    const uri = 'file:///doc.txt';
    await client.open(uri, DOC);
    const { diagnostics, version } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.equal(version, 1);
    const obama = find(diagnostics, 'PERSON', 0, 3);
    assert.deepEqual(obama?.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 15 } }, JSON.stringify(diagnostics));
    assert.equal(obama?.source, 'samsara');
    assert.equal(obama?.severity, 4, 'Hint by default: out of the Problems panel');
    assert.equal(obama?.message, '"Barack Obama" — PERSON (People, including fictional)');
    assert.deepEqual(find(diagnostics, 'GPE', 1, 24)?.range, { start: { line: 1, character: 24 }, end: { line: 1, character: 30 } });
    assert.deepEqual(find(diagnostics, 'PERSON', 3, 0)?.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 13 } });
    assert.ok(find(diagnostics, 'DATE', 0, 48), 'August 4, 1961');
  });

  it('hovers an entity with its label, explanation and number of mentions', async () => {
    const hover = await client.hover('file:///doc.txt', { line: 3, character: 5 });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*Angela Merkel\*\* — People \\\(PERSON\\\)/);
    assert.match(value, /People, including fictional/);
    assert.match(value, /Mentioned 3 times in this document/);
    assert.deepEqual(hover.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 13 } });
    assert.equal(await client.hover('file:///doc.txt', { line: 1, character: 1 }), null);
  });

  it('re-analyses only the paragraph an edit changed', async () => {
    const uri = 'file:///many.md';
    const paragraphs = Array.from({ length: 30 }, (_, i) => `Paragraph ${i}: Angela Merkel met Emmanuel Macron in Paris on day ${i}.`);
    await client.open(uri, paragraphs.join('\n\n'), 'markdown');
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const before = await client.stats();
    // Replace "Paris" in paragraph 7 by "Berlin" (an incremental change).
    const line = 14;
    const character = paragraphs[7].indexOf('Paris');
    const count = client.publicationCount(uri);
    await client.change(uri, 2, [{ range: { start: { line, character }, end: { line, character: character + 5 } }, text: 'Berlin' }]);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 2, { after: count });
    const afterStats = await client.stats();
    assert.equal(afterStats.blocksAnalyzed - before.blocksAnalyzed, 1, 'one block sent to the sidecar');
    assert.equal(afterStats.blocksFromCache - before.blocksFromCache, 29, 'the other 29 came from the cache');
    const gpe = diagnostics.find((d) => d.range.start.line === line && d.code === 'GPE');
    assert.deepEqual(gpe?.range, { start: { line, character }, end: { line, character: character + 6 } });
  });

  it('applies label filter and severity changes without restarting the sidecar, and logs a bad value', async () => {
    const uri = 'file:///doc.txt';
    const pid = (await client.stats()).sidecar.pid;
    const statuses = client.statuses.length;
    let count = client.publicationCount(uri);
    await client.updateSettings(settings({ diagnostics: { labels: ['GPE'], severity: 'Error' } }));
    const filtered = await client.waitForDiagnostics(uri, () => true, { after: count });
    assert.ok(filtered.diagnostics.length >= 3);
    assert.ok(
      filtered.diagnostics.every((d) => d.code === 'GPE' && d.severity === 1),
      JSON.stringify(filtered.diagnostics),
    );

    count = client.publicationCount(uri);
    await client.updateSettings(settings({ diagnostics: { severity: 'Loud' } }));
    const restored = await client.waitForDiagnostics(uri, () => true, { after: count });
    assert.ok(restored.diagnostics.some((d) => d.code === 'PERSON'));
    assert.ok(
      restored.diagnostics.every((d) => d.severity === 4),
      'bad severity replaced by the default',
    );
    await waitFor(() => /samsara\.diagnostics\.severity.*"Loud"/.test(client.logText()), { message: 'bad value logged' });

    count = client.publicationCount(uri);
    await client.updateSettings(settings({ enable: false }));
    const disabled = await client.waitForDiagnostics(uri, () => true, { after: count });
    assert.deepEqual(disabled.diagnostics, []);
    assert.equal((await client.stats()).sidecar.pid, pid);
    assert.equal(client.statuses.length, statuses, 'no sidecar restart');

    count = client.publicationCount(uri);
    await client.updateSettings(settings());
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, { after: count });
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = 'file:///doc.txt';
    const count = client.publicationCount(uri);
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, () => true, { after: count });
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('recovers from kill -9 of the sidecar without losing the analysis in flight', async () => {
    const uri = 'file:///killed.txt';
    await client.open(uri, 'Barack Obama is here.');
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    const { sidecar, requests } = await client.stats();
    assert.ok(sidecar.pid);
    // A large edit keeps the sidecar busy long enough to kill it with the request in flight.
    const big = Array.from({ length: 400 }, (_, i) => `Note ${i}: Angela Merkel flew from Berlin to Paris with ${i} aides.`).join('\n\n');
    const count = client.publicationCount(uri);
    const after = client.statuses.length;
    await client.change(uri, 2, [{ text: big }]);
    await waitFor(async () => (await client.stats()).requests > requests, { message: 'analyze request sent' });
    process.kill(sidecar.pid, 'SIGKILL');
    await client.waitForStatus((s) => s.state === 'restarting', { after });
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 2, { after: count, timeoutMs: 60_000 });
    assert.ok(published.diagnostics.filter((d) => d.code === 'PERSON').length >= 300, `${published.diagnostics.length} diagnostics`);
    const ready = await client.waitForStatus((s) => s.state === 'ready', { after });
    assert.notEqual(ready.pid, sidecar.pid);
    assert.equal(client.diagnostics.get(uri)?.filter((p) => p.version === 2).length, 1, 'applied once');
    assert.match(client.logText(), /Sidecar died with a request in flight \(analyze\); sending it again/);
  });
});

describe('no orphan sidecar', () => {
  it('a kill -9 of the language server leaves no sidecar behind', async () => {
    const client = await LspTestClient.start({ settings: settings() });
    const ready = await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
    const pid = ready.pid;
    assert.ok(pid && isAlive(pid));
    client.kill('SIGKILL');
    await client.exited;
    await waitFor(() => !isAlive(pid), { timeoutMs: 15_000, message: `sidecar ${pid} gone after the server was killed` });
  });

  it('a normal shutdown stops the sidecar', async () => {
    const client = await LspTestClient.start({ settings: settings() });
    const ready = await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
    const pid = ready.pid;
    assert.ok(pid);
    await client.shutdown();
    await waitFor(() => !isAlive(pid), { timeoutMs: 15_000, message: `sidecar ${pid} gone after shutdown` });
  });
});
