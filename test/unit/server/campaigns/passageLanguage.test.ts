// Campaign passages in the writer's language: each passage's language is resolved as the editor
// resolves a document's (its own `language`, the campaign's, the front door's setting, Markdown
// front matter, detection), and each job finds names with that language's analysis — a passage in
// a language with no model reports which one is missing instead of being read as English. Real
// language resolution; a loopback provider; analyses that record which language was asked.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadCampaign } from '../../../../server/src/campaigns/campaignLoader';
import { toQueuedJob } from '../../../../server/src/campaigns/campaignQueue';
import { runCampaign } from '../../../../server/src/campaigns/campaignRunner';
import { judgeResults } from '../../../../server/src/campaigns/campaignReport';
import type { AnalyzeIn } from '../../../../server/src/campaigns/passageLanguage';
import { missingModelMessage } from '../../../../server/src/pipelines/analysisLanguage';
import { PROBE_SETTING_DEFAULTS } from '../../../../server/src/probes/probeSettings';
import { startFakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';

const FRENCH =
  "Jean Valjean quitta la ville au petit matin. Il marchait depuis des heures quand il aperçut enfin le clocher de l'église, et il se dit que la route serait encore longue avant la nuit.";
const ENGLISH = 'Ada Lovelace walked to the station in the rain. She had been thinking about the engine all morning and could not stop.';

const root = mkdtempSync(join(tmpdir(), 'samsara-campaign-languages-'));
mkdirSync(join(root, '.samsara', 'campaigns'), { recursive: true });
writeFileSync(join(root, 'kapitel.md'), `---\nlang: de\n---\n\n${ENGLISH}\n`);
writeFileSync(join(root, 'chapitre.txt'), FRENCH);
const campaignFile = (extra = ''): string => {
  const file = join(root, '.samsara', 'campaigns', 'langs.yaml');
  writeFileSync(
    file,
    [
      'name: langs',
      'models: [openai:gpt-test]',
      extra,
      'passages:',
      `  - { id: fr, text: "${FRENCH}" }`,
      `  - { id: en, text: "${ENGLISH}" }`,
      '  - { file: kapitel.md }',
      '  - { file: chapitre.txt }',
      `  - { id: it, text: "${ENGLISH}", language: IT }`,
      'expect: { noNameOutsideSource: true }',
    ].join('\n'),
  );
  return file;
};
after(() => rmSync(root, { recursive: true, force: true }));

describe('campaign passages in their language', () => {
  it('resolves each passage: detected, front matter, the passage’s own language', async () => {
    const loaded = await loadCampaign(campaignFile(), root);
    assert.deepEqual(
      loaded.passages.map((p) => `${p.id}:${p.language}`),
      ['fr:fr', 'en:en', 'kapitel.md:de', 'chapitre.txt:fr', 'it:it'],
    );
  });

  it("the campaign's language beats the front door's setting, which beats front matter and detection", async () => {
    const byDoor = await loadCampaign(campaignFile(), root, 'es');
    assert.deepEqual(
      byDoor.passages.map((p) => p.language),
      ['es', 'es', 'es', 'es', 'it'],
    );
    const byFile = await loadCampaign(campaignFile('language: pt'), root, 'es');
    assert.deepEqual(
      byFile.passages.map((p) => p.language),
      ['pt', 'pt', 'pt', 'pt', 'it'],
    );
  });

  it('refuses a language that is not a code, naming the field', async () => {
    await assert.rejects(loadCampaign(campaignFile('language: French!'), root), /language: auto or a language code such as fr/);
  });

  it('carries the language to the queue', async () => {
    const loaded = await loadCampaign(campaignFile(), root);
    const fr = loaded.jobs.find((job) => job.passage.id === 'fr');
    assert.equal(fr && toQueuedJob('langs', fr, true).passage.language, 'fr');
  });

  it("finds each passage's names in its language; a language without a model says which is missing", async () => {
    const provider = await startFakeProvider('openai', {
      respond: () => ({ kind: 'reply', text: 'A short summary, with no name in it.' }),
    });
    try {
      const loaded = await loadCampaign(campaignFile(), root);
      const asked: string[] = [];
      const analyzeIn: AnalyzeIn = async (language) => async (texts) => {
        asked.push(language);
        if (language !== 'en' && language !== 'fr') throw new Error(missingModelMessage(language));
        const person = language === 'fr' ? 'PER' : 'PERSON';
        return texts.map((text) =>
          ['Jean Valjean', 'Ada Lovelace'].flatMap((name) =>
            text.includes(name) ? [{ text: name, label: person, start: text.indexOf(name), end: text.indexOf(name) + name.length }] : [],
          ),
        );
      };
      const run = await runCampaign({
        campaign: 'langs',
        jobs: loaded.jobs,
        resultsFolder: mkdtempSync(join(tmpdir(), 'samsara-campaign-languages-results-')),
        keys: () => 'sk-langs-0a1b2c3d',
        baseUrls: () => provider.baseUrl,
        settings: PROBE_SETTING_DEFAULTS,
        concurrency: 1,
        signal: new AbortController().signal,
        analyzeIn,
      });
      assert.deepEqual([...new Set(asked)].sort(), ['de', 'en', 'fr', 'it']);
      const byId = new Map(run.results.map((r) => [r.passage, r.transcript]));
      assert.deepEqual(
        byId.get('fr')?.turns[0]?.entities?.source.map((e) => e.label),
        ['PER'],
      );
      assert.match(byId.get('kapitel.md')?.entitiesProblem ?? '', /no German language model is installed/);
      assert.match(byId.get('it')?.entitiesProblem ?? '', /no Italian language model is installed/);
      const report = judgeResults('langs', run.results, () => loaded.passages[0]?.expect ?? {}, ['openai:gpt-test']);
      const failed = report.jobs.filter((j) => !j.passed).map((j) => j.result.passage);
      assert.deepEqual(failed.sort(), ['it', 'kapitel.md']);
    } finally {
      await provider.close();
    }
  });
});
