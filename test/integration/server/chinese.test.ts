// A Chinese document with the REAL sidecar: detected as Chinese, it first says a model installs
// from a file (no official checksum, so no download is offered); then a Chinese pipeline (spaCy's
// pkuseg word segmenter, which the bundle carries) installed from a folder through
// samsara/pipelines/install finds its names on pkuseg's words, and they are drawn.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DocumentLanguageNotification, type DocumentLanguageParams, type InstallPipelineResult } from '../../../shared/pipelines';
import { semanticTokens, tokenLegend } from '../../helpers/entityRequests';
import { buildChinesePipeline } from '../../helpers/chinesePipeline';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { decodeTokens } from '../../helpers/semanticTokens';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

// Not a training sentence of the test pipeline; long enough for detection.
const ZH_DOC = '李明在北京工作。王芳住在上海，她和李明是朋友，每年都去北京。';
const URI = 'file:///novel.txt';

describe('a Chinese document', () => {
  let client: LspTestClient;
  let work: string;
  let pipelines: string;
  const languages: DocumentLanguageParams[] = [];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'samsara-zh-'));
    pipelines = join(work, 'pipelines');
    client = await LspTestClient.start({
      settings: { sidecar: { path: realSidecar, workers: 1 }, analysis: { debounceMs: 0 }, diagnostics: { severity: 'Information' } },
      initializationOptions: { pipelinesFolder: pipelines },
      dynamicSemanticTokens: true,
    });
    client.onNotification(DocumentLanguageNotification.method, (params: DocumentLanguageParams) => languages.push(params));
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(work, { recursive: true, force: true });
  });

  it('says a Chinese document has no model yet and that one installs from a file', async () => {
    await client.open(URI, ZH_DOC);
    const said = await waitFor(() => languages.find((params) => params.uri === URI), {
      timeoutMs: 30_000,
      message: 'the language of the document',
    });
    assert.equal(said.code, 'zh');
    assert.equal(said.reason, 'detected');
    assert.equal(said.pipeline, 'missing');
    assert.equal(said.offer, undefined, 'no download is offered: no official checksum is known');
    assert.match(said.message ?? '', /No Chinese language model is installed.*install it from a file/);
  });

  it('installs a Chinese pipeline from a folder, then finds the names on pkuseg words and draws them', async () => {
    const folder = buildChinesePipeline(join(work, 'build'));
    const result = await client.request<InstallPipelineResult>('samsara/pipelines/install', { file: folder });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(
      readdirSync(pipelines).filter((name) => !name.startsWith('.')),
      ['zh_pkuseg_test-0.0.1'],
    );
    const { diagnostics } = await client.waitForDiagnostics(URI, (p) => p.diagnostics.length > 0, { timeoutMs: 60_000 });
    const found = diagnostics.map((d) => `${String(d.code)}:${ZH_DOC.slice(d.range.start.character, d.range.end.character)}`);
    // Whole words (pkuseg's), never single characters (the `char` segmenter's).
    assert.ok(found.includes('PERSON:李明'), found.join(', '));
    assert.ok(found.includes('GPE:北京'), found.join(', '));
    const tokens = decodeTokens((await semanticTokens(client, URI)).data, tokenLegend(client));
    assert.equal(tokens.find((token) => token.character === 0)?.type, 'person', '李明 is drawn as a person');
    assert.equal(languages.filter((params) => params.uri === URI).at(-1)?.pipeline, 'ready');
  });
});
