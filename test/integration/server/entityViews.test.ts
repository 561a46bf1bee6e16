// The entity features over stdio with the real sidecar, on a known sample: semantic tokens per
// label, numeric labels hidden until the setting shows them, Outline symbols, same-entity
// highlights and references, samsara/documentEntities with its change notification, a hover in
// plain text for a client that takes only plain text, and the dynamic legend registration (made
// before the model is ready, so an editor asks for tokens while it loads).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, MarkupContent } from 'vscode-languageserver';
import { STANDARD_TOKEN_TYPES } from '../../../shared/entityTokens';
import { DocumentEntitiesSchema } from '../../../shared/lsp';
import { LspTestClient } from '../../helpers/lspClient';
import { fakeSidecar, realSidecar, requireRealSidecar } from '../../helpers/paths';
import { decodeTokens } from '../../helpers/semanticTokens';
import { waitFor } from '../../helpers/waitFor';
import {
  documentEntities,
  documentHighlights,
  documentSymbols,
  references,
  semanticTokens,
  tokenLegend,
} from '../../helpers/entityRequests';

requireRealSidecar();

const SAMPLE = [
  'Angela Merkel met Barack Obama in Berlin on Monday.',
  'Later, Obama flew to Paris, and Merkel stayed in Berlin.',
  '',
  'Barack Obama returned to Berlin with 3 aides and paid $40 for the first dinner.',
].join('\n');
const LINES = SAMPLE.split('\n');
const settings = (extra: Record<string, unknown> = {}) => ({ sidecar: { path: realSidecar }, analysis: { debounceMs: 0 }, ...extra });

describe('entity views with the real sidecar', () => {
  let client: LspTestClient;
  const uri = 'file:///views.txt';

  before(async () => {
    client = await LspTestClient.start({ settings: settings() });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
    await client.open(uri, SAMPLE);
  });
  after(async () => {
    await client?.shutdown();
  });

  const tokensOf = async () =>
    decodeTokens((await semanticTokens(client, uri)).data, tokenLegend(client)).map((t) => [
      LINES[t.line].slice(t.character, t.character + t.length),
      t.type,
    ]);

  it('colours each entity by its label, numbers hidden by default', async () => {
    assert.deepEqual(await tokensOf(), [
      ['Angela Merkel', 'person'],
      ['Barack Obama', 'person'],
      ['Berlin', 'gpe'],
      ['Monday', 'date'],
      ['Obama', 'person'],
      ['Paris', 'gpe'],
      ['Merkel', 'person'],
      ['Berlin', 'gpe'],
      ['Barack Obama', 'person'],
      ['Berlin', 'gpe'],
      ['40', 'money'],
    ]);
    const diagnostics = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.ok(!diagnostics.diagnostics.some((d) => d.code === 'CARDINAL' || d.code === 'ORDINAL'), 'numbers hidden in diagnostics too');
  });

  it('shows the numeric labels once samsara.hiddenLabels lets them, and asks the client to refresh', async () => {
    const refreshes = client.tokenRefreshes;
    const count = client.publicationCount(uri);
    await client.updateSettings(settings({ hiddenLabels: [] }));
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'CARDINAL'), { after: count });
    await waitFor(() => client.tokenRefreshes > refreshes, { message: 'workspace/semanticTokens/refresh' });
    const tokens = await tokensOf();
    assert.ok(tokens.some(([text, type]) => text === '3' && type === 'cardinal'));
    assert.ok(tokens.some(([text, type]) => text === 'first' && type === 'ordinal'));
    await client.updateSettings(settings());
  });

  it('lists entities in the Outline, grouped by label, with mention counts and the first mention; a surname counts with the full name', async () => {
    const symbols = (await documentSymbols(client, uri)) as DocumentSymbol[];
    const gpe = symbols.find((s) => s.name === 'Places (GPE)');
    assert.ok(gpe, JSON.stringify(symbols));
    const berlin = gpe.children?.find((c) => c.name === 'Berlin');
    assert.equal(berlin?.detail, '3 mentions');
    assert.deepEqual(berlin?.selectionRange, { start: { line: 0, character: 34 }, end: { line: 0, character: 40 } });
    const person = symbols.find((s) => s.name === 'People (PERSON)');
    assert.deepEqual(
      person?.children?.map((c) => [c.name, c.detail]),
      [
        ['Barack Obama', '3 mentions'],
        ['Angela Merkel', '2 mentions'],
      ],
    );
    const hover = await client.hover(uri, { line: 1, character: 9 });
    assert.match(
      (hover?.contents as MarkupContent).value,
      /Mentioned 3 times in this document \(counting \*\*Barack Obama\*\* and its short forms\)/,
    );
  });

  it('highlights and lists the other mentions of the entity under the cursor', async () => {
    const highlights = await documentHighlights(client, uri, { line: 1, character: 51 });
    assert.deepEqual(
      highlights?.map((h) => [h.range.start.line, h.range.start.character]),
      [
        [0, 34],
        [1, 49],
        [3, 25],
      ],
    );
    const all = await references(client, uri, { line: 3, character: 3 }, true);
    assert.deepEqual(
      all?.map((l) => [l.uri, l.range.start.line, l.range.start.character]),
      [
        [uri, 0, 18],
        [uri, 1, 7],
        [uri, 3, 0],
      ],
      '"Obama" is a mention of Barack Obama',
    );
    assert.equal((await references(client, uri, { line: 3, character: 3 }, false))?.length, 2, 'without the first mention');
    assert.equal(await documentHighlights(client, uri, { line: 1, character: 15 }), null, 'no entity at "flew"');
  });

  it('serves samsara/documentEntities and says when they change', async () => {
    await waitFor(() => client.entitiesChanged.some((n) => n.uri === uri && n.version === 1), { message: 'entitiesChanged v1' });
    const entities = DocumentEntitiesSchema.parse(await documentEntities(client, uri));
    assert.equal(entities.version, 1);
    assert.deepEqual(
      entities.labels.map((l) => l.label),
      ['PERSON', 'GPE', 'DATE', 'MONEY'],
    );
    assert.deepEqual(entities.labels[1].entities[0], {
      key: 'GPE:berlin',
      text: 'Berlin',
      label: 'GPE',
      mentions: [
        { start: { line: 0, character: 34 }, end: { line: 0, character: 40 } },
        { start: { line: 1, character: 49 }, end: { line: 1, character: 55 } },
        { start: { line: 3, character: 25 }, end: { line: 3, character: 31 } },
      ],
    });
    await client.change(uri, 2, [{ range: { start: { line: 1, character: 21 }, end: { line: 1, character: 26 } }, text: 'Tokyo' }]);
    await waitFor(() => client.entitiesChanged.some((n) => n.uri === uri && n.version === 2), { message: 'entitiesChanged v2' });
    const changed = await documentEntities(client, uri);
    assert.ok(changed?.labels.some((l) => l.entities.some((e) => e.text === 'Tokyo')));
    assert.equal(await documentEntities(client, 'file:///not-open.txt'), null);
    await assert.rejects(client.request('samsara/documentEntities', { uri: 42 }), /samsara\/documentEntities: invalid params/);
  });
});

describe('clients with other capabilities', () => {
  it('a client that takes only plain text gets a plain-text hover', async () => {
    const client = await LspTestClient.start({ settings: settings(), hoverFormats: ['plaintext'] });
    try {
      await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
      await client.open('file:///plain.txt', SAMPLE);
      const hover = await client.hover('file:///plain.txt', { line: 0, character: 36 });
      const contents = hover?.contents as MarkupContent;
      assert.equal(contents.kind, 'plaintext');
      assert.equal(contents.value, 'Berlin — Places (GPE)\n\nCountries, cities, states\n\nMentioned 3 times in this document.');
    } finally {
      await client.shutdown();
    }
  });

  it('a client that registers dynamically gets the legend once the sidecar has said its labels', async () => {
    const client = await LspTestClient.start({ settings: settings(), dynamicSemanticTokens: true });
    try {
      assert.equal(client.initializeResult.capabilities.semanticTokensProvider, undefined, 'not static');
      await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
      await waitFor(() => client.registrations.some((r) => r.method === 'textDocument/semanticTokens'), { message: 'registration' });
      const legend = tokenLegend(client);
      assert.deepEqual(legend.tokenTypes.slice(0, STANDARD_TOKEN_TYPES.length), [...STANDARD_TOKEN_TYPES]);
      await client.open('file:///dyn.txt', SAMPLE);
      const tokens = decodeTokens((await semanticTokens(client, 'file:///dyn.txt')).data, legend);
      assert.equal(tokens[0].type, 'person');
    } finally {
      await client.shutdown();
    }
  });

  it('registers the tokens provider with the standard legend while the model is still loading', async () => {
    // A sidecar that never says it is ready: the registration cannot wait for its handshake.
    const client = await LspTestClient.start({
      settings: { sidecar: { path: fakeSidecar, startTimeoutMs: 120_000 } },
      env: { SAMSARA_FAKE_MODE: 'silent' },
      dynamicSemanticTokens: true,
    });
    try {
      await waitFor(() => client.registrations.some((r) => r.method === 'textDocument/semanticTokens'), { message: 'registration' });
      assert.deepEqual(tokenLegend(client).tokenTypes, [...STANDARD_TOKEN_TYPES]);
      assert.ok(!client.statuses.some((s) => s.state === 'ready'), 'the model is not ready');
    } finally {
      await client.shutdown();
    }
  });
});
