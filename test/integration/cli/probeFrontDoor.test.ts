// `samsara probe` as the command line's front door to the one probe entry point: the engine states
// facts, the CLI words the remedy with its own options and variables (never an editor command or
// setting), and each failure is told once, in the user's terms.
import assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'node:test';
import { startFakeProvider, type FakeProvider } from '../../fixtures/fakeProviders/fakeProvider';
import { runSamsara } from '../../helpers/cliRun';
import { ensureCliBuilt } from '../../helpers/paths';

const KEY = 'sk-frontdoor-9z8y7x6w5v4u';
const env = { OPENAI_API_KEY: KEY };

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
