// A Japanese document with the REAL sidecar: detected as Japanese, it says a model downloads with
// Sudachi's dictionary; then a Japanese pipeline (spaCy's Sudachi tokenizer, whose code the bundle
// carries) installed from a folder through samsara/pipelines/install brings the dictionary from a
// local server standing in for its release location (the real 77 MB wheel, checked against the
// catalogue's sha256), and the document's names are found on Sudachi's words and drawn. Removing
// the pipeline removes the dictionary.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DocumentLanguageNotification,
  type DocumentLanguageParams,
  type InstallPipelineResult,
  type PipelineProgressParams,
} from '../../../shared/pipelines';
import { supportFor, supportUrl, type SupportPackage } from '../../../server/src/pipelines/catalogue';
import { semanticTokens, tokenLegend } from '../../helpers/entityRequests';
import { buildJapanesePipeline } from '../../helpers/japanesePipeline';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { startReleaseServer, sudachiDictWheel, type ReleaseServer } from '../../helpers/releaseServer';
import { decodeTokens } from '../../helpers/semanticTokens';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

// Not a training sentence of the test pipeline; long enough for detection.
const JA_DOC = '山田さんは東京で働いています。田中さんは大阪に住んでいて、毎年京都へ行きます。';
const URI = 'file:///shosetsu.txt';
const DICTIONARY = supportFor('ja')[0] as SupportPackage;

describe('a Japanese document', () => {
  let client: LspTestClient;
  let server: ReleaseServer;
  let work: string;
  let pipelines: string;
  const languages: DocumentLanguageParams[] = [];
  const progress: PipelineProgressParams[] = [];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'samsara-ja-'));
    pipelines = join(work, 'pipelines');
    server = await startReleaseServer();
    server.files.set(new URL(supportUrl(DICTIONARY, server.baseUrl)).pathname, sudachiDictWheel());
    client = await LspTestClient.start({
      settings: { sidecar: { path: realSidecar, workers: 1 }, analysis: { debounceMs: 0 }, diagnostics: { severity: 'Information' } },
      initializationOptions: { pipelinesFolder: pipelines },
      dynamicSemanticTokens: true,
    });
    client.onNotification(DocumentLanguageNotification.method, (params: DocumentLanguageParams) => languages.push(params));
    client.onNotification('samsara/pipelines/progress', (params: PipelineProgressParams) => progress.push(params));
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('says a Japanese document has no model yet, offers the verified one, and that the dictionary comes with it', async () => {
    await client.open(URI, JA_DOC);
    const said = await waitFor(() => languages.find((params) => params.uri === URI), {
      timeoutMs: 30_000,
      message: 'the language of the document',
    });
    assert.equal(said.code, 'ja');
    assert.equal(said.reason, 'detected');
    assert.equal(said.pipeline, 'missing');
    assert.equal(said.offer, 'ja_core_news_sm');
    assert.match(
      said.message ?? '',
      /Japanese language models also need the Japanese dictionary \(77 MB\), which Samsara downloads with the first one/,
    );
  });

  it('installs a Japanese pipeline with its dictionary, then finds the names on Sudachi words and draws them', async () => {
    const folder = buildJapanesePipeline(join(work, 'build'));
    const result = await client.request<InstallPipelineResult>('samsara/pipelines/install', { file: folder, mirror: server.baseUrl });
    assert.ok(result.ok && 'pipeline' in result, JSON.stringify(result));
    assert.equal(result.pipeline.support?.what, 'the Japanese dictionary');
    assert.equal(result.pipeline.support?.sizeBytes, DICTIONARY.unpackedBytes);
    assert.ok(
      progress.some((update) => update.part === 'the Japanese dictionary' && update.received === update.total),
      'progress to the end',
    );
    assert.deepEqual(readdirSync(join(pipelines, '.support')), ['sudachidict_core-20261015']);

    const { diagnostics } = await client.waitForDiagnostics(URI, (p) => p.diagnostics.length > 0, { timeoutMs: 60_000 });
    const found = diagnostics.map((d) => `${String(d.code)}:${JA_DOC.slice(d.range.start.character, d.range.end.character)}`);
    // Whole words (Sudachi's): 山田, not 山 or 山田さん.
    assert.ok(found.includes('PERSON:山田'), found.join(', '));
    assert.ok(found.includes('GPE:東京'), found.join(', '));
    const tokens = decodeTokens((await semanticTokens(client, URI)).data, tokenLegend(client));
    assert.equal(tokens.find((token) => token.character === 0)?.type, 'person', '山田 is drawn as a person');
    const ready = languages.filter((params) => params.uri === URI).at(-1);
    assert.equal(ready?.pipeline, 'ready');
    assert.equal(ready?.model, 'ja_sudachi_test');
  });

  it('removes the dictionary with the last Japanese pipeline', async () => {
    const removed = await client.request<{ removed: boolean }>('samsara/pipelines/remove', { name: 'ja_sudachi_test' });
    assert.equal(removed.removed, true);
    assert.equal(existsSync(join(pipelines, '.support', 'sudachidict_core-20261015')), false);
  });
});
