// Scenario parameters (temperature, maxTokens, maxTurns) through the real server binary, against
// fake providers that record every request body: each wire format's API gets them under its own
// names, nothing is sent that the scenario does not set (but a limit the API requires), and a
// value the API does not take is refused before sending.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { ResponseError } from 'vscode-jsonrpc/node';
import type { ProbeResult } from '../../../../shared/lsp';
import type { FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { FakeProviders, probeOverLsp } from '../../../helpers/probeOverLsp';
import { LspTestClient } from '../../../helpers/lspClient';
import { requireRealSidecar } from '../../../helpers/paths';

const workspace = mkdtempSync(join(tmpdir(), 'samsara-probe-params-ws-'));
const KEY = 'sk-params-test-key-1234';

let client: LspTestClient;
const fakes = new FakeProviders();
const fake = (...args: Parameters<FakeProviders['start']>): Promise<FakeProvider> => fakes.start(...args);
const probe = (
  provider: string,
  baseUrl: string,
  args: Record<string, unknown>,
  probes: Record<string, unknown> = {},
): Promise<ProbeResult> => probeOverLsp(client, KEY, provider, baseUrl, args, probes);

before(async () => {
  requireRealSidecar();
  client = await LspTestClient.start({ workspaceFolder: workspace });
});
after(async () => {
  await client.shutdown();
});
afterEach(async () => {
  await fakes.closeAll();
});

describe('scenario parameters in each wire format', () => {
  const scenario = {
    id: 'params',
    title: 'Params',
    preamble: 'P',
    prompt: '{{selection}}',
    followUps: ['More.', 'Even more.'],
    temperature: 0.4,
    maxTokens: 321,
    maxTurns: 2,
  };
  const cases = [
    { provider: 'openai', format: 'openai' as const, fields: { temperature: 0.4, max_completion_tokens: 321 } },
    { provider: 'mistral', format: 'openai' as const, fields: { temperature: 0.4, max_tokens: 321 } },
    { provider: 'deepseek', format: 'openai' as const, fields: { temperature: 0.4, max_tokens: 321 } },
    { provider: 'anthropic', format: 'anthropic' as const, fields: { temperature: 0.4, max_tokens: 321 } },
  ];
  for (const c of cases) {
    it(`${c.provider}: ${Object.keys(c.fields).join(' and ')} at the top of the body; maxTurns stops after two turns`, async () => {
      const f = await fake(c.format);
      const { transcript: t } = await probe(c.provider, f.baseUrl, { text: 'Hello.', model: `${c.provider}:m`, scenario });
      const posts = f.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, 2, 'maxTurns: 2');
      for (const r of posts) {
        const body = r.body as Record<string, unknown>;
        for (const [field, value] of Object.entries(c.fields)) assert.equal(body[field], value, `${field} in ${r.rawBody}`);
        const other = c.provider === 'openai' ? 'max_tokens' : 'max_completion_tokens';
        assert.equal(other in body, false, `${other} is not ${c.provider}'s name`);
      }
      assert.deepEqual(t.parameters?.request, c.fields);
      assert.deepEqual([t.parameters?.temperature, t.parameters?.maxTokens, t.parameters?.maxTurns], [0.4, 321, 2]);
      assert.equal(t.scenario.maxTurns, 2);
    });
  }
  it('gemini: generationConfig.temperature and generationConfig.maxOutputTokens', async () => {
    const f = await fake('gemini');
    const { transcript: t } = await probe('gemini', f.baseUrl, { text: 'Hello.', model: 'gemini:g', scenario });
    const body = f.requests.find((r) => r.method === 'POST')?.body as { generationConfig?: unknown };
    assert.deepEqual(body.generationConfig, { temperature: 0.4, maxOutputTokens: 321 });
    assert.deepEqual(t.parameters?.request, { 'generationConfig.temperature': 0.4, 'generationConfig.maxOutputTokens': 321 });
  });
  it('without parameters, an OpenAI-style body holds no limit (Mistral rejects unknown fields); Anthropic gets its required max_tokens', async () => {
    const plain = { id: 'plain', title: 'Plain', preamble: '', prompt: '{{selection}}' };
    const mistral = await fake('openai');
    await probe('mistral', mistral.baseUrl, { text: 'Hi.', model: 'mistral:m', scenario: plain });
    const body = mistral.requests[0].body as Record<string, unknown>;
    assert.deepEqual(
      ['temperature', 'max_tokens', 'max_completion_tokens'].filter((k) => k in body),
      [],
    );
    const anthropic = await fake('anthropic');
    const { transcript: t } = await probe('anthropic', anthropic.baseUrl, { text: 'Hi.', model: 'anthropic:m', scenario: plain });
    assert.equal((anthropic.requests[0].body as { max_tokens?: number }).max_tokens, 1024);
    assert.deepEqual(t.parameters?.request, { max_tokens: 1024 });
  });
  it("a temperature above Anthropic's range is refused before sending, naming the scenario and the field", async () => {
    const f = await fake('anthropic');
    const error = await probe('anthropic', f.baseUrl, {
      text: 'Hi.',
      model: 'anthropic:m',
      scenario: { ...scenario, temperature: 1.5 },
    }).then(
      () => assert.fail('expected an invalid parameter'),
      (e: ResponseError<{ code: string }>) => e,
    );
    assert.equal(error.data?.code, 'PROBE_INVALID_PARAMETER');
    assert.match(error.message, /Scenario "params": temperature 1\.5 cannot be sent: Anthropic takes 0 to 1/);
    assert.equal(f.requests.length, 0);
  });
});
