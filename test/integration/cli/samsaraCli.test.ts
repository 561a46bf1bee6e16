// The `samsara` command line as a user runs it: the real bundle (bin/samsara → dist/cli.js) in a
// child process with a clean environment, against fake providers on 127.0.0.1 and, for the
// doctor, the real bundled sidecar. Exit codes, stdout/stderr, files written, and no key anywhere.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { readTranscript } from '../../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider } from '../../fixtures/fakeProviders/fakeProvider';
import { ensureCliBuilt, repoRoot, requireRealSidecar } from '../../helpers/paths';
import { waitFor } from '../../helpers/waitFor';

const OPENAI_KEY = 'sk-cli-OPENAI-4f5e6d7c8b9a0';
const ANTHROPIC_KEY = 'sk-ant-cli-1q2w3e4r5t6y7u';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/samsara with only the given environment (plus PATH and HOME): no key leaks in from the runner. */
function samsara(args: string[], env: Record<string, string> = {}, cwd = repoRoot, onStdout?: (text: string) => void) {
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'samsara'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    onStdout?.(stdout);
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

const run = (args: string[], env?: Record<string, string>, cwd?: string): Promise<Run> => samsara(args, env, cwd).done;

function noKeyIn(texts: string[]): void {
  for (const key of [OPENAI_KEY, ANTHROPIC_KEY]) {
    for (let i = 0; i + 8 <= key.length; i++) {
      const slice = key.slice(i, i + 8);
      assert.ok(!texts.some((t) => t.includes(slice)), `a slice of a key appears in the output`);
    }
  }
}

const fakes: FakeProvider[] = [];
async function fake(...args: Parameters<typeof startFakeProvider>): Promise<FakeProvider> {
  const f = await startFakeProvider(...args);
  fakes.push(f);
  return f;
}

before(() => ensureCliBuilt());
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

describe('samsara probe', () => {
  it('--prompt: prints the answer as it streams, writes JSON + Markdown to --out, exit 0, key from the environment only', async () => {
    const f = await fake('openai', { steps: [{ kind: 'stream', chunks: ['Hello ', 'from the ', 'fake.'] }] });
    const out = mkdtempSync(join(tmpdir(), 'samsara-cli-out-'));
    const r = await run(['probe', '--model', 'openai:gpt-fake', '--prompt', 'hello', '--base-url', f.baseUrl, '--out', out], {
      OPENAI_API_KEY: OPENAI_KEY,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Hello from the fake.\n');
    assert.match(r.stderr, /openai:gpt-fake, \d+ input tokens \(o200k_base\)/);
    assert.ok(f.requests[0].headers.authorization === `Bearer ${OPENAI_KEY}`, 'the key reached the provider');
    const body = f.requests[0].body as { messages: Array<{ role: string; content: string }>; stream: boolean };
    assert.deepEqual(body.messages, [{ role: 'user', content: 'hello' }], 'a bare prompt: no system message');
    const files = readdirSync(out).sort();
    assert.equal(files.length, 2);
    const json = files.find((n) => n.endsWith('.json'))!;
    const read = readTranscript(JSON.parse(readFileSync(join(out, json), 'utf8')));
    assert.ok(read.ok);
    assert.equal(read.transcript.turns[0].response, 'Hello from the fake.');
    assert.equal(read.transcript.turns[0].streamed, true);
    noKeyIn([r.stdout, r.stderr, ...files.map((n) => readFileSync(join(out, n), 'utf8'))]);
  });

  it('--scenario --file --selection-lines, a bare model id resolved to its provider', async () => {
    const f = await fake('anthropic', {});
    const dir = mkdtempSync(join(tmpdir(), 'samsara-cli-file-'));
    writeFileSync(join(dir, 'notes.md'), ['# Notes', 'Ada Lovelace met', 'Charles Babbage in 1833.', 'Unrelated line.'].join('\n'));
    const r = await run(
      [
        'probe',
        '--scenario',
        'summarize',
        '--file',
        'notes.md',
        '--selection-lines',
        '2-3',
        '--model',
        'claude-haiku-4-5',
        '--base-url',
        f.baseUrl,
        '--no-stream',
      ],
      { ANTHROPIC_API_KEY: ANTHROPIC_KEY },
      dir,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(f.requests.length, 3, 'summarize has three turns');
    const first = f.requests[0].body as { model: string; messages: Array<{ content: string }> };
    assert.equal(first.model, 'claude-haiku-4-5');
    assert.ok(first.messages[0].content.includes('Ada Lovelace met\nCharles Babbage in 1833.'));
    assert.ok(!first.messages[0].content.includes('Unrelated line.'));
    assert.equal(r.stdout, 'reply 1\nreply 2\nreply 3\n');
    assert.match(r.stderr, /\[turn 2\/3\]/);
  });

  it('exit codes: 2 usage, 2 missing key (naming the variable), 3 retryable, 4 permanent', async () => {
    const usage = await run(['probe', '--prompt', 'x']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--model is required/);
    assert.equal((await run(['probe', '--model', 'openai:x', '--prompt', 'x', '--bogus'])).code, 2);
    assert.equal((await run(['frobnicate'])).code, 2);
    const ambiguous = await run(['probe', '--model', 'deepseek-r1:8b', '--prompt', 'x']);
    assert.equal(ambiguous.code, 2);
    assert.match(ambiguous.stderr, /could be a model of deepseek or ollama/);

    const noKey = await run(['probe', '--model', 'gemini:gemini-2.5-flash', '--prompt', 'x']);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /no API key for Google Gemini: set GOOGLE_API_KEY or GEMINI_API_KEY/);

    const busy = await fake('openai', { respond: () => ({ kind: 'error', status: 503, type: 'server_error', message: 'busy' }) });
    const retryable = await run(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', busy.baseUrl, '--max-retries', '0'], {
      OPENAI_API_KEY: OPENAI_KEY,
    });
    assert.equal(retryable.code, 3, retryable.stderr);
    assert.match(retryable.stderr, /HTTP 503/);

    const limited = await fake('openai', {
      steps: [{ kind: 'error', status: 429, type: 'rate_limit_exceeded', message: 'wait', headers: { 'retry-after': '3600' } }],
    });
    const later = await run(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', limited.baseUrl], {
      OPENAI_API_KEY: OPENAI_KEY,
    });
    assert.equal(later.code, 3, later.stderr);
    assert.match(later.stderr, /rate limited: retry after 1 h/);

    const refused = await fake('openai', {
      steps: [{ kind: 'error', status: 401, type: 'invalid_api_key', message: `Incorrect API key provided: ${OPENAI_KEY}` }],
    });
    const permanent = await run(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', refused.baseUrl], {
      OPENAI_API_KEY: OPENAI_KEY,
    });
    assert.equal(permanent.code, 4, permanent.stderr);
    assert.match(permanent.stderr, /HTTP 401 \(invalid_api_key\): Incorrect API key provided: \[redacted\]/);
    noKeyIn([permanent.stdout, permanent.stderr]);

    const badKey = await run(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', refused.baseUrl], {
      OPENAI_API_KEY: 'sk-with space',
    });
    assert.equal(badKey.code, 2);
    assert.match(badKey.stderr, /characters an HTTP header cannot carry/);
  });

  it('Ctrl-C mid-stream: exit 130, the partial answer saved and marked cancelled', async () => {
    const f = await fake('openai', { steps: [{ kind: 'stream', chunks: ['Partial ', 'answer', ' never'], hangAfter: 2 }] });
    const out = mkdtempSync(join(tmpdir(), 'samsara-cli-int-'));
    let seen = '';
    const { child, done } = samsara(
      ['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', f.baseUrl, '--out', out],
      { OPENAI_API_KEY: OPENAI_KEY },
      repoRoot,
      (text) => (seen = text),
    );
    await waitFor(() => seen === 'Partial answer', { message: 'two pieces printed' });
    child.kill('SIGINT');
    const r = await done;
    assert.equal(r.code, 130, r.stderr);
    const json = readdirSync(out).find((n) => n.endsWith('.json'))!;
    const read = readTranscript(JSON.parse(readFileSync(join(out, json), 'utf8')));
    assert.ok(read.ok);
    assert.equal(read.transcript.run.outcome, 'cancelled');
    assert.deepEqual([read.transcript.turns[0].response, read.transcript.turns[0].finish], ['Partial answer', 'cancelled']);
  });
});

describe('samsara doctor', () => {
  let openai: FakeProvider;
  let anthropic: FakeProvider;
  let ollama: FakeProvider;
  before(async () => {
    requireRealSidecar();
    openai = await startFakeProvider('openai');
    anthropic = await startFakeProvider('anthropic', {
      models: { kind: 'error', status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
    });
    ollama = await startFakeProvider('openai', { models: ['llama3.1:8b', 'qwen3:4b'] });
  });
  after(async () => {
    await Promise.all([openai, anthropic, ollama].map((f) => f.close()));
  });

  it('reports the real sidecar, each provider (key present, reachable, accepted, latency), Ollama and the folder; exit 0', async () => {
    const out = mkdtempSync(join(tmpdir(), 'samsara-doctor-'));
    const r = await run(
      ['doctor', '--base-url', `openai=${openai.baseUrl}`, '--base-url', `anthropic=${anthropic.baseUrl}`, '--out', out],
      { OPENAI_API_KEY: OPENAI_KEY, ANTHROPIC_API_KEY: ANTHROPIC_KEY, OLLAMA_HOST: ollama.baseUrl.replace('http://', '') },
    );
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    assert.match(md, /^# Samsara Doctor/);
    assert.match(md, /## Sidecar\n\n\*\*OK\*\*/);
    assert.match(md, /\| Path \| `[^`]*python-dist\/samsara-sidecar\/samsara-sidecar` \(bundled\) \|/);
    assert.match(md, /\| Model \| en_core_web_sm \d+\.\d+\.\d+ \|/);
    assert.match(md, /\| Memory \(RSS\) \| \d+ MB \|/);
    assert.match(md, /\| Started \| \d{4}-\d\d-\d\dT/);
    assert.match(
      md,
      new RegExp(`\\| OpenAI \\(\`openai\`\\) \\| yes \\(OPENAI_API_KEY\\) \\| ${openai.baseUrl} \\| OK, 2 models \\| \\d+ ms \\|`),
    );
    assert.match(
      md,
      /\| Anthropic \(`anthropic`\) \| yes \(ANTHROPIC_API_KEY\) \| .* \| reachable, key refused \(HTTP 401: invalid x-api-key\) \| \d+ ms \|/,
    );
    assert.match(md, /\| xAI \(`xai`\) \| \*\*no\*\* \| https:\/\/api\.x\.ai\/v1 \| not checked \(no key\) \| — \|/);
    assert.match(md, /## Ollama\n\nReachable; 2 models:\n\n- `llama3.1:8b`\n- `qwen3:4b`/);
    assert.ok(md.includes(`\`${out}\`: writable`));
    assert.match(md, /## Workspace trust\n\nnot applicable/);
    assert.ok(openai.requests.some((q) => q.method === 'GET' && q.headers.authorization === `Bearer ${OPENAI_KEY}`));
    noKeyIn([r.stdout, r.stderr]);
  });

  it('exits 1 when the sidecar cannot start, and says why', async () => {
    const r = await run(['doctor', '--sidecar', '/nonexistent/samsara-sidecar'], { OLLAMA_HOST: ollama.baseUrl.replace('http://', '') });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /\*\*NOT RUNNING\*\* — Samsara sidecar not found at \/nonexistent\/samsara-sidecar/);
  });
});
