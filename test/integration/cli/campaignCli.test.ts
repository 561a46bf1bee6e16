// `samsara campaign run` as a CI runs it: the real bundle in a child process, a campaign file in a
// temporary folder, fake providers on 127.0.0.1. Expectations judged (met, missing name, invented
// name, regex, cost), exit codes, JUnit that fits its schema, and resuming after Ctrl-C.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkJunit } from '../../helpers/junitShape';
import { cliWithFakes, runSamsara, startSamsara } from '../../helpers/cliRun';
import { waitFor } from '../../helpers/waitFor';

const KEY = 'sk-campaign-3c4d5e6f7a8b9c';
const env = { OPENAI_API_KEY: KEY };

const fake = cliWithFakes();

function folderWith(campaign: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'samsara-campaign-cli-'));
  mkdirSync(join(dir, '.samsara', 'campaigns'), { recursive: true });
  writeFileSync(join(dir, '.samsara', 'campaigns', 'news.yaml'), campaign);
  // One turn per job, so requests count jobs.
  writeFileSync(
    join(dir, '.samsara', 'scenarios.yaml'),
    '- {id: brief, title: Brief, preamble: "", prompt: "Summarise: {{selection}}", followUps: []}\n',
  );
  return dir;
}

const modelOf = (body: unknown): string => String((body as { model?: unknown }).model);

describe('samsara campaign run', () => {
  it('judges every expectation per model; exit 1 when some are unmet; table, JSON and JUnit', async () => {
    // gpt-5.4-mini keeps the name; gpt-inventive invents one.
    const f = await fake('openai', {
      respond: (r) => ({
        kind: 'reply',
        text: modelOf(r.body) === 'gpt-5.4-mini' ? 'Ada Lovelace wrote notes.' : 'Isaac Newton wrote notes.',
      }),
    });
    const dir = folderWith(
      [
        'name: news',
        'scenarios: [brief]',
        'models: [openai:gpt-5.4-mini, openai:gpt-inventive]',
        'expect: {mention: [Ada Lovelace], notInvent: [Isaac Newton], match: [notes]}',
        'passages:',
        '  - {id: ada, text: "Ada Lovelace wrote notes on the engine."}',
        '  - {id: costly, text: "Ada Lovelace again.", expect: {maxCostUsd: 0.000000001}}',
      ].join('\n'),
    );
    const args = ['campaign', 'run', '.samsara/campaigns/news.yaml', '--base-url', `openai=${f.baseUrl}/v1`, '--no-fidelity'];
    const r = await runSamsara([...args, '--junit', 'junit.xml', '--json', 'report.json'], { env, cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /openai:gpt-5\.4-mini\s+1\/2 \(50%\)/);
    assert.match(r.stdout, /openai:gpt-inventive\s+0\/2 \(0%\)/);
    assert.match(r.stdout, /openai:gpt-inventive · brief · ada #1: mention Ada Lovelace \(not mentioned\)/);
    assert.match(r.stdout, /openai:gpt-inventive · brief · ada #1: not invent Isaac Newton \(named in turn 1\)/);
    assert.match(r.stdout, /openai:gpt-5\.4-mini · brief · costly #1: max cost 1e-9 USD/);
    assert.equal(f.requests.length, 4);

    const junit = checkJunit(readFileSync(join(dir, 'junit.xml'), 'utf8'));
    assert.deepEqual([junit.tests, junit.failures], [4, 3]);
    assert.deepEqual(junit.cases.get('openai:gpt-5.4-mini brief · ada #1'), []);
    assert.deepEqual(junit.cases.get('openai:gpt-inventive brief · ada #1'), ['mention Ada Lovelace', 'not invent Isaac Newton']);
    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      passed: boolean;
      models: { model: string; passRate: number }[];
    };
    assert.equal(json.passed, false);
    assert.deepEqual(
      json.models.map((m) => [m.model, m.passRate]),
      [
        ['openai:gpt-5.4-mini', 0.5],
        ['openai:gpt-inventive', 0],
      ],
    );
    assert.ok(![r.stdout, r.stderr, readFileSync(join(dir, 'junit.xml'), 'utf8')].some((t) => t.includes(KEY)));

    // Nothing runs twice: a second run only reports; exit 0 once the expectations are met.
    writeFileSync(
      join(dir, '.samsara', 'campaigns', 'news.yaml'),
      readFileSync(join(dir, '.samsara', 'campaigns', 'news.yaml'), 'utf8')
        .replace('notInvent: [Isaac Newton], ', '')
        .replace('mention: [Ada Lovelace], ', ''),
    );
    const again = await runSamsara([...args.slice(0, 3), '--format', 'markdown', '--base-url', `openai=${f.baseUrl}/v1`, '--no-fidelity'], {
      env,
      cwd: dir,
    });
    assert.equal(f.requests.length, 4, 'no job was sent again');
    assert.match(again.stderr, /4 job\(s\) already done/);
    assert.equal(again.code, 1, 'the cost expectation is still unmet');
    assert.match(again.stdout, /^# Campaign news: some expectations unmet/);
  });

  it('schema errors name the file and field, exit 2', async () => {
    const dir = folderWith('name: news\nmodels: [openai:x]\npassages: [{file: a.md, lines: x}]\n');
    const r = await runSamsara(['campaign', 'run', '.samsara/campaigns/news.yaml'], { env, cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.samsara\/campaigns\/news\.yaml: passages\[0\]\.lines: expected a-b/);
  });

  it('resumes after Ctrl-C: finished jobs are kept, only the rest run again', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const f = await fake('openai', {
      respond: (r) => (r.n <= 2 ? { kind: 'reply', text: 'fine' } : { kind: 'wait', until: held, then: { kind: 'reply', text: 'late' } }),
    });
    const dir = folderWith('name: news\nscenarios: [brief]\nmodels: [openai:x]\nrepeats: 4\npassages: [{text: "A passage."}]\n');
    const args = [
      'campaign',
      'run',
      '.samsara/campaigns/news.yaml',
      '--base-url',
      `openai=${f.baseUrl}/v1`,
      '--concurrency',
      '1',
      '--no-fidelity',
    ];
    const first = startSamsara(args, { env, cwd: dir });
    await waitFor(() => f.requests.length === 3, { message: 'the third job is in flight' });
    first.child.kill('SIGINT');
    const stopped = await first.done;
    release();
    assert.equal(stopped.code, 130, stopped.stderr);
    const results = join(dir, '.samsara', 'campaigns', 'news.results');
    assert.equal(
      readdirSync(results).filter((n) => n.endsWith('.json')).length,
      2,
      'the two finished jobs are kept, the cancelled one is not',
    );

    const second = await runSamsara(args, { env, cwd: dir });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /2 job\(s\) already done/);
    assert.equal(f.requests.length, 5, 'only the two jobs left (and the cancelled one) were sent');
    assert.equal(readdirSync(results).filter((n) => n.endsWith('.json')).length, 4);
  });
});
