// `samsara probe` as the command line's front door to the one probe entry point: the engine states
// facts, the CLI words the remedy with its own options and variables (never an editor command or
// setting), and each failure is told once, in the user's terms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliWithFakes, runSamsara } from '../../helpers/cliRun';

const KEY = 'sk-frontdoor-9z8y7x6w5v4u';
const env = { OPENAI_API_KEY: KEY };

const fake = cliWithFakes();

describe('samsara probe: remedies in the command line’s words', () => {
  it('a timeout says --timeout-ms, never the editor setting', async () => {
    const f = await fake('openai', { respond: () => ({ kind: 'hang' }) });
    const r = await runSamsara(
      ['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', f.baseUrl, '--timeout-ms', '200', '--max-retries', '0'],
      { env },
    );
    assert.equal(r.code, 3);
    assert.match(r.stderr, /did not answer within 200 ms\. Raise --timeout-ms/);
    assert.doesNotMatch(r.stderr, /samsara\.probes|Set API Key/);
  });

  it('a refused key names the variable, not the editor command', async () => {
    const f = await fake('openai', { respond: () => ({ kind: 'error', status: 401, type: 'invalid_api_key', message: 'bad key' }) });
    const r = await runSamsara(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', f.baseUrl], { env });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /HTTP 401 \(invalid_api_key\): bad key\. Check OPENAI_API_KEY\./);
    assert.doesNotMatch(r.stderr, /Set API Key/);
  });

  it('a bad base URL names --base-url', async () => {
    const r = await runSamsara(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', 'ftp://example.invalid'], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not an http\(s\) URL\. Fix --base-url\./);
    assert.doesNotMatch(r.stderr, /samsara\.probes/);
  });
});

describe('samsara probe: each failure told once, in readable words', () => {
  const count = (text: string, part: string): number => text.split(part).length - 1;

  it('a failure is printed once, and --no-stream retries print no "[retrying…]" when nothing was shown', async () => {
    const f = await fake('openai', {
      steps: [
        { kind: 'error', status: 500, type: 'server_error', message: 'busy now' },
        { kind: 'error', status: 401, type: 'invalid_api_key', message: 'refused' },
      ],
    });
    const r = await runSamsara(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', f.baseUrl, '--no-stream'], { env });
    assert.equal(r.code, 4);
    assert.doesNotMatch(r.stderr, /\[retrying/);
    assert.equal(count(r.stderr, 'HTTP 401'), 1, r.stderr);
  });

  it('an event-stream 500 with a traceback shows the status, not the traceback', async () => {
    const body = 'data: Traceback (most recent call last):\ndata:   File "/app/proxy.py", line 12, in handle\ndata: ValueError: boom\n\n';
    const f = await fake('openai', {
      respond: () => ({ kind: 'raw', status: 500, body, headers: { 'content-type': 'text/event-stream' } }),
    });
    const r = await runSamsara(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', f.baseUrl, '--max-retries', '0'], { env });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /HTTP 500/);
    assert.doesNotMatch(r.stderr, /Traceback|proxy\.py|data:/);
  });

  it('a port fetch refuses (9) is not retried and says so', async () => {
    const r = await runSamsara(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', 'http://127.0.0.1:9'], { env });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /port 9/);
    assert.doesNotMatch(r.stderr, /Retry \d/);
  });

  it('a 404 from a base URL without its version path shows the URL and the fix', async () => {
    const f = await fake('openai', {
      respond: (req) =>
        req.path.startsWith('/proxy/v1/')
          ? { kind: 'reply', text: 'ok' }
          : { kind: 'raw', status: 404, body: '{"detail":"Not Found"}', headers: { 'content-type': 'application/json' } },
    });
    const r = await runSamsara(['probe', '--model', 'openai:x', '--prompt', 'x', '--base-url', `${f.baseUrl}/proxy`], { env });
    assert.equal(r.code, 4);
    assert.ok(r.stderr.includes(`${f.baseUrl}/proxy/chat/completions`), r.stderr);
    assert.ok(r.stderr.includes(`--base-url ${f.baseUrl}/proxy/v1`), r.stderr);
  });
});
