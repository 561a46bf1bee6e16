// `samsara probe` with entities, as a user runs it: the real bundle in a child process with a
// clean environment, the real bundled sidecar (started for the probe, stopped after), and a fake
// provider on 127.0.0.1 that records every request. --scenario --file --pseudonymize: no name
// reaches the provider, the transcript has the names restored, the mapping, and each turn's
// entity fidelity; the answers printed show the real names.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readTranscript } from '../../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider } from '../../fixtures/fakeProviders/fakeProvider';
import { ensureCliBuilt, repoRoot, requireRealSidecar } from '../../helpers/paths';

const KEY = 'sk-cli-entities-5a6b7c8d9e';

function run(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'samsara'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

let fake: FakeProvider;

before(async () => {
  requireRealSidecar();
  ensureCliBuilt();
  // Answers with the placeholders it received, and one name the passage does not hold.
  fake = await startFakeProvider('openai', {
    respond: (r) => {
      const people = [...new Set(JSON.stringify(r.body).match(/\[PERSON_\d+\]/g) ?? [])];
      return { kind: 'reply', text: `${people[0] ?? 'Nobody'} met Isaac Newton.` };
    },
  });
});
after(async () => {
  await fake.close();
});

describe('samsara probe with entities', () => {
  it('--scenario who --file --pseudonymize PERSON,ORG: no name sent, names restored, mapping and fidelity in the transcript', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsara-cli-entities-'));
    const passage = 'Ada Lovelace worked with Charles Babbage at the Royal Society in London.';
    writeFileSync(join(dir, 'notes.md'), ['# Notes', passage, 'Unrelated line.'].join('\n'));
    const r = await run(
      [
        'probe',
        '--scenario',
        'who',
        '--file',
        'notes.md',
        '--selection-lines',
        '2-2',
        '--model',
        'openai:gpt-x',
        '--base-url',
        fake.baseUrl,
        '--pseudonymize',
        'person,ORG',
        '--out',
        'out',
        '--no-stream',
      ],
      dir,
      { OPENAI_API_KEY: KEY },
    );
    assert.equal(r.code, 0, r.stderr);
    const posts = fake.requests.filter((q) => q.method === 'POST');
    assert.equal(posts.length, 3, '"Who is mentioned?" has three turns');
    const sent = posts.map((q) => q.rawBody).join('\n');
    for (const name of ['Ada Lovelace', 'Lovelace', 'Charles Babbage', 'Babbage', 'Royal Society'])
      assert.ok(!sent.includes(name), `"${name}" was sent`);
    assert.ok(sent.includes('notes.md'), '{{file}} is the path relative to the current directory');
    assert.ok(sent.includes('[PERSON_1] (PERSON)'), '{{entities}} lists the placeholders');
    assert.equal(r.stdout, 'Ada Lovelace met Isaac Newton.\n'.repeat(3), 'the answers are printed with the real names');
    assert.match(r.stderr, /pseudonymised PERSON, ORG: \[PERSON_1\] = Ada Lovelace, \[PERSON_2\] = Charles Babbage/);
    assert.match(
      r.stderr,
      /turn 1 entities \(heuristic\): 1 of \d source names mentioned, \d missing, 1 not in the source; missing: .*Charles Babbage \(PERSON\).*; not in the source: Isaac Newton \(PERSON\)/,
    );

    const out = join(dir, 'out');
    const json = readdirSync(out).find((n) => n.endsWith('.json'));
    assert.ok(json);
    const read = readTranscript(JSON.parse(readFileSync(join(out, json), 'utf8')));
    assert.ok(read.ok);
    const t = read.transcript;
    assert.equal(t.file, 'notes.md');
    assert.deepEqual(t.pseudonymization?.labels, ['PERSON', 'ORG']);
    assert.deepEqual(
      t.pseudonymization?.mapping.filter((m) => m.label === 'PERSON').map((m) => [m.placeholder, m.text]),
      [
        ['[PERSON_1]', 'Ada Lovelace'],
        ['[PERSON_2]', 'Charles Babbage'],
      ],
    );
    assert.equal(t.turns[0].response, 'Ada Lovelace met Isaac Newton.');
    assert.equal(t.turns[0].rawResponse, '[PERSON_1] met Isaac Newton.');
    assert.deepEqual(t.turns[0].entities?.unsupported, [{ text: 'Isaac Newton', label: 'PERSON' }]);
    assert.ok(t.turns[0].entities?.missing.some((e) => e.text === 'Charles Babbage'));
    const markdown = readFileSync(join(out, json.replace(/\.json$/, '.md')), 'utf8');
    assert.match(markdown, /\| `\[PERSON_1\]` \| Ada Lovelace \| PERSON \|/);
    assert.match(markdown, /- Not in the source: Isaac Newton \(PERSON\)/);
    assert.ok(!`${r.stdout}${r.stderr}${markdown}`.includes(KEY));
  });

  it('--prompt starts no sidecar unless asked; --pseudonymize without a sidecar is a usage error and sends nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsara-cli-entities-'));
    const before = fake.requests.length;
    const plain = await run(
      ['probe', '--prompt', 'Hello Ada.', '--model', 'openai:gpt-x', '--base-url', fake.baseUrl, '--no-stream', '--out', '.'],
      dir,
      { OPENAI_API_KEY: KEY },
    );
    assert.equal(plain.code, 0, plain.stderr);
    const saved = readdirSync(dir).find((n) => n.endsWith('.json'));
    const read = readTranscript(JSON.parse(readFileSync(join(dir, saved ?? ''), 'utf8')));
    assert.ok(read.ok && read.transcript.turns[0].entities === undefined && read.transcript.entitiesProblem === undefined);
    const missing = await run(
      [
        'probe',
        '--prompt',
        'Hello Ada Lovelace.',
        '--model',
        'openai:gpt-x',
        '--base-url',
        fake.baseUrl,
        '--pseudonymize',
        'PERSON',
        '--sidecar',
        join(dir, 'no-such-sidecar'),
      ],
      dir,
      { OPENAI_API_KEY: KEY },
    );
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--pseudonymize PERSON needs the sidecar, which could not start/);
    assert.equal(fake.requests.length, before + 1, 'only the plain probe was sent');
  });
});
