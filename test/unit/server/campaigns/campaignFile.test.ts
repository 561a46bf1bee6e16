// Campaign files as untrusted input: every error names the file and the field; YAML bombs, paths
// outside the folder and contradictory passages are refused; jobs get stable content keys.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { campaignPassages, globToRegExp, jobKey } from '../../../../server/src/campaigns/campaignJobs';
import { loadCampaign } from '../../../../server/src/campaigns/campaignLoader';
import { CampaignFileError, parseCampaign } from '../../../../server/src/campaigns/campaignSchema';

const FILE = '.samsara/campaigns/news.yaml';
const rejects = (text: string, pattern: RegExp): void =>
  assert.throws(
    () => parseCampaign(text, FILE),
    (e: unknown) =>
      e instanceof CampaignFileError && e.code === 'CAMPAIGN_FILE' && e.message.startsWith(`${FILE}: `) && pattern.test(e.message),
  );

describe('campaign file schema', () => {
  it('names the file and the field of each problem', () => {
    rejects('name: n\nmodels: [openai:x]\npassages:\n  - file: a.md\n    lines: three', /passages\[0\]\.lines: expected a-b/);
    rejects('name: n\nmodels: []\npassages: [{text: hi}]', /models: /);
    rejects('name: n\nmodels: [openai:x]\npassages: [{text: hi}]\nrepeats: 0', /repeats: /);
    rejects(
      'name: n\nmodels: [openai:x]\npassages: [{text: hi}]\nexpect: {match: ["("]}',
      /expect\.match\[0\]: not a valid regular expression/,
    );
    rejects('name: n\nmodels: [openai:x]\npassages: [{text: hi}]\nexpect: {mentoin: [Ada]}', /expect: .*mentoin/);
    rejects(
      'name: n\nmodels: [openai:x]\npassages: [{text: hi, file: a.md}]',
      /passages\[0\]: give exactly one of text, file, files, dataset/,
    );
    rejects('name: n\nname: m\nmodels: [openai:x]\npassages: [{text: hi}]', /not valid YAML \(line 2\)/);
    rejects('name: "a b"\nmodels: [openai:x]\npassages: [{text: hi}]', /name: letters, digits/);
  });
  it('refuses a YAML alias bomb', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ];
    rejects(bomb.join('\n'), /not valid YAML/);
  });
  it('defaults: the summarize scenario, one repeat', () => {
    const c = parseCampaign('name: n\nmodels: [openai:x]\npassages: [{text: hi}]', FILE);
    assert.deepEqual([c.scenarios, c.repeats], [['summarize'], 1]);
  });
});

describe('campaign passages', () => {
  const root = mkdtempSync(join(tmpdir(), 'samsara-campaign-'));
  mkdirSync(join(root, 'articles', 'old'), { recursive: true });
  mkdirSync(join(root, '.samsara', 'campaigns'), { recursive: true });
  writeFileSync(join(root, 'articles', 'a.md'), 'one\ntwo\nthree\nfour');
  writeFileSync(join(root, 'articles', 'b.md'), 'Ada Lovelace wrote notes.');
  writeFileSync(join(root, 'articles', 'old', 'c.md'), 'old');
  writeFileSync(join(root, 'data.jsonl'), '{"id": "x1", "text": "First.", "expect": {"mention": ["First"]}}\n\n{"text": "Second."}\n');

  it('files, globs, line ranges and JSON Lines, each with its expectations', async () => {
    const campaign = parseCampaign(
      [
        'name: n',
        'models: [openai:x]',
        'expect: {mention: [Ada]}',
        'passages:',
        '  - {file: articles/a.md, lines: 2-3}',
        '  - {files: "articles/*.md"}',
        '  - {dataset: data.jsonl}',
      ].join('\n'),
      FILE,
    );
    const passages = await campaignPassages(campaign, root, FILE);
    assert.deepEqual(
      passages.map((p) => [p.id, p.text]),
      [
        ['articles/a.md:2-3', 'two\nthree'],
        ['articles/a.md', 'one\ntwo\nthree\nfour'],
        ['articles/b.md', 'Ada Lovelace wrote notes.'],
        ['data.jsonl#x1', 'First.'],
        ['data.jsonl#3', 'Second.'],
      ],
    );
    assert.deepEqual(passages[3]?.expect.mention, ['Ada', 'First']);
    assert.ok(globToRegExp('articles/**/*.md').test('articles/old/c.md'));
  });
  it('never reads outside the folder, and says which passage asked', async () => {
    const campaign = parseCampaign('name: n\nmodels: [openai:x]\npassages: [{text: hi}, {file: ../etc/passwd}]', FILE);
    await assert.rejects(
      campaignPassages(campaign, root, FILE),
      (e: Error & { code?: string }) => e.code === 'CAMPAIGN_PASSAGE' && /passages\[1\]: \.\.\/etc\/passwd is outside/.test(e.message),
    );
  });
  it('a bad dataset line names the file and the line', async () => {
    writeFileSync(join(root, 'bad.jsonl'), '{"text": "ok"}\n{"txt": "no"}\n');
    const campaign = parseCampaign('name: n\nmodels: [openai:x]\npassages: [{dataset: bad.jsonl}]', FILE);
    await assert.rejects(campaignPassages(campaign, root, FILE), /passages\[0\]: bad\.jsonl line 2: needs a non-empty string "text"/);
  });
  it('jobs: passages × scenarios × models × repeats, keyed by what is sent', async () => {
    writeFileSync(
      join(root, FILE),
      'name: n\nmodels: [openai:x, openai:y]\nscenarios: [summarize, who]\nrepeats: 2\npassages: [{text: hi}]\n',
    );
    const loaded = await loadCampaign(join(root, FILE), root);
    assert.equal(loaded.root, root);
    assert.equal(loaded.jobs.length, 8);
    assert.equal(new Set(loaded.jobs.map((j) => j.key)).size, 8);
    const [job] = loaded.jobs;
    assert.ok(job);
    assert.equal(jobKey(job.passage, job.scenario, job.model, job.repeat), job.key, 'the same content gives the same key');
  });
});
