// Probes that understand entities, through the real server binary and its real bundled sidecar,
// against fake providers that record every request body: pseudonymisation (no original name in
// anything sent, names restored in the transcript), the entity fidelity of scripted replies, the
// new template variables, and "Probe this entity" (hover link, code action, {{entity}}).
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, before, describe, it } from 'node:test';
import type { ResponseError } from 'vscode-jsonrpc/node';
import type { CodeAction, MarkupContent } from 'vscode-languageserver';
import type { ProbeResult, ProbeStreamParams } from '../../../../shared/lsp';
import type { FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { FakeProviders, probeOverLsp } from '../../../helpers/probeOverLsp';
import { LspTestClient } from '../../../helpers/lspClient';
import { requireRealSidecar } from '../../../helpers/paths';

const workspace = mkdtempSync(join(tmpdir(), 'samsara-probe-entities-ws-'));
mkdirSync(join(workspace, 'notes'));
const KEY = 'sk-entities-test-key-1234';
const PASSAGE = 'Ada Lovelace worked with Charles Babbage at the Royal Society in London. Lovelace wrote the first program.';
writeFileSync(join(workspace, 'notes', 'lovelace.md'), PASSAGE);

let client: LspTestClient;
const fakes = new FakeProviders();
const fake = (...args: Parameters<FakeProviders['start']>): Promise<FakeProvider> => fakes.start(...args);
const probe = (
  provider: string,
  baseUrl: string,
  args: Record<string, unknown>,
  probes: Record<string, unknown> = {},
): Promise<ProbeResult> => probeOverLsp(client, KEY, provider, baseUrl, args, probes);

/** Every byte of every request a fake received (conversation requests and model lists). */
function everythingSent(f: FakeProvider): string {
  return f.requests.map((r) => `${r.path}\n${JSON.stringify(r.headers)}\n${r.rawBody}`).join('\n');
}

before(async () => {
  requireRealSidecar();
  client = await LspTestClient.start({ workspaceFolder: workspace });
  await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
});
after(async () => {
  await client.shutdown();
});
afterEach(async () => {
  await fakes.closeAll();
});

describe('pseudonymisation over LSP', () => {
  it('sends no original PERSON or ORG name in any request body, and shows the names restored in the transcript', async () => {
    // The fake answers with the placeholders it was sent, as a model would.
    const f = await fake('openai', {
      respond: (r) => {
        const sent = JSON.stringify(r.body);
        const people = [...new Set(sent.match(/\[PERSON_\d+\]/g) ?? [])];
        return { kind: 'reply', text: `Turn ${r.n}: ${people.join(' and ')} are named.` };
      },
    });
    const scenario = {
      id: 'private',
      title: 'Private',
      preamble: 'Be brief about Ada Lovelace.',
      prompt: 'Summarise:\n{{selection}}\nNames:\n{{entities}}',
      followUps: ['What did Babbage do?', { label: 'People', prompt: 'Only these: {{entities.PERSON}}' }],
    };
    const { transcript: t } = await probe(
      'openai',
      f.baseUrl,
      { text: PASSAGE, model: 'openai:gpt-x', scenario },
      { pseudonymize: ['PERSON', 'ORG'] },
    );
    assert.equal(t.run.outcome, 'completed');
    assert.equal(f.requests.filter((r) => r.method === 'POST').length, 3);
    const p = t.pseudonymization;
    assert.ok(p, 'the transcript says pseudonymisation was on');
    assert.deepEqual(p.labels, ['PERSON', 'ORG']);
    const names = p.mapping.map((m) => m.text);
    for (const expected of ['Ada Lovelace', 'Charles Babbage']) assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    assert.ok(
      p.mapping.some((m) => m.label === 'ORG'),
      `an ORG was found: ${JSON.stringify(p.mapping)}`,
    );
    const sent = everythingSent(f);
    for (const name of [...names, 'Lovelace', 'Babbage']) assert.ok(!sent.includes(name), `"${name}" was sent`);
    assert.ok(sent.includes('[PERSON_1]') && sent.includes('London'), 'placeholders were sent; GPE was not among the labels');
    // What the user reads has the names back; what was sent is recorded beside it.
    assert.equal(t.turns[0].prompt.includes('Ada Lovelace'), true);
    assert.equal(t.turns[0].sentPrompt?.includes('[PERSON_1]'), true);
    const byPlaceholder = new Map(p.mapping.map((m) => [m.placeholder, m.text]));
    assert.equal(byPlaceholder.get('[PERSON_1]'), 'Ada Lovelace', 'numbered in the order the selection names them');
    assert.equal(byPlaceholder.get('[PERSON_2]'), 'Charles Babbage');
    assert.ok(t.turns[0].rawResponse?.includes('[PERSON_1]') && t.turns[0].rawResponse.includes('[PERSON_2]'), t.turns[0].rawResponse);
    assert.ok(t.turns[0].response.includes('Ada Lovelace') && t.turns[0].response.includes('Charles Babbage'), t.turns[0].response);
    assert.doesNotMatch(t.turns.map((turn) => turn.response).join('\n'), /\[PERSON_\d+\]/, 'every placeholder is restored');
    assert.equal(t.turns[2].label, 'People');
    assert.equal(p.sentPreamble, 'Be brief about [PERSON_1].');
    // The transcript holds the real selection: it never leaves the machine.
    assert.equal(t.selection, PASSAGE);
  });

  it('restores names as the answer streams, a placeholder split across two events included', async () => {
    const f = await fake('openai', { steps: [{ kind: 'stream', chunks: ['So [PERS', 'ON_1] met [PERSON_2', '].'] }] });
    const deltas: string[] = [];
    const listener = client.onNotification<ProbeStreamParams>('samsara/probeStream', (p) => {
      if (p.runId === 'run-pseudo-stream' && p.event.kind === 'delta') deltas.push(p.event.text);
    });
    const scenario = { id: 'one', title: 'One', preamble: '', prompt: '{{selection}}' };
    const { transcript: t } = await probe('openai', f.baseUrl, {
      text: PASSAGE,
      model: 'openai:gpt-x',
      scenario,
      stream: true,
      runId: 'run-pseudo-stream',
      pseudonymize: ['PERSON'],
    });
    listener.dispose();
    assert.equal(t.turns[0].response, 'So Ada Lovelace met Charles Babbage.');
    assert.equal(deltas.join(''), 'So Ada Lovelace met Charles Babbage.', `what the live view received: ${JSON.stringify(deltas)}`);
    assert.ok(
      deltas.every((d) => !d.includes('[')),
      'no piece of a placeholder reached the live view',
    );
  });

  it('a probe that turns pseudonymisation off sends the names as written', async () => {
    const f = await fake('anthropic');
    const { transcript: t } = await probe(
      'anthropic',
      f.baseUrl,
      { text: PASSAGE, model: 'anthropic:claude-x', scenario: 'summarize', pseudonymize: [] },
      { pseudonymize: ['PERSON'] },
    );
    assert.equal(t.pseudonymization, undefined);
    assert.ok(everythingSent(f).includes('Ada Lovelace'));
  });
});

describe('entity fidelity over LSP', () => {
  it('records mentioned, missing and unsupported names of a reply that drops one name and invents another', async () => {
    const f = await fake('gemini', { steps: [{ kind: 'reply', text: 'Ada Lovelace and Isaac Newton worked in London.' }] });
    const scenario = { id: 'one', title: 'One', preamble: '', prompt: 'Summarise: {{selection}}' };
    const { transcript: t } = await probe('gemini', f.baseUrl, { text: PASSAGE, model: 'gemini:gemini-x', scenario });
    const e = t.turns[0].entities;
    assert.ok(e, `fidelity recorded (problem: ${t.entitiesProblem ?? 'none'})`);
    const texts = (list: Array<{ text: string }>): string[] => list.map((x) => x.text);
    assert.ok(texts(e.source).includes('Charles Babbage') && texts(e.source).includes('Ada Lovelace'), JSON.stringify(e.source));
    assert.ok(texts(e.mentioned).includes('Ada Lovelace'));
    assert.ok(texts(e.mentioned).includes('London'));
    assert.ok(texts(e.missing).includes('Charles Babbage'), `dropped: ${JSON.stringify(e.missing)}`);
    assert.deepEqual(e.unsupported, [{ text: 'Isaac Newton', label: 'PERSON' }]);
    assert.equal(t.entitiesProblem, undefined);
  });

  it('"Who is mentioned?" fills {{entities}}, {{entities.PERSON}} and {{file}} from the sidecar and the document; both files record the source and lines', async () => {
    const f = await fake('openai');
    const uri = pathToFileURL(join(workspace, 'notes', 'lovelace.md')).href;
    const lines = { start: 3, end: 5 };
    const { transcript: t, saved } = await probe('openai', f.baseUrl, {
      text: PASSAGE,
      model: 'openai:gpt-x',
      scenario: 'who',
      uri,
      lines,
    });
    assert.deepEqual(t.lines, lines);
    assert.ok(saved, 'saved');
    assert.deepEqual((JSON.parse(readFileSync(saved.json, 'utf8')) as { lines?: unknown }).lines, lines, 'the JSON records the lines');
    assert.match(readFileSync(saved.markdown, 'utf8'), /^- \*\*Source:\*\* `notes\/lovelace\.md`, lines 3–5$/m, 'so does the Markdown');
    const first = t.turns[0].prompt;
    assert.match(first, /passage from notes\/lovelace\.md\?/);
    assert.match(first, /^Ada Lovelace \(PERSON\)$/m);
    assert.match(first, /^Charles Babbage \(PERSON\)$/m);
    assert.equal(t.file, 'notes/lovelace.md');
    assert.match(t.turns[1].prompt, /^Ada Lovelace$/m);
    assert.equal(t.turns[1].label, 'Check the people');
    assert.deepEqual(t.parameters?.request, { temperature: 0.2, max_completion_tokens: 800 });
  });

  it('{{document}} past the cap is refused before anything is sent, naming the cap', async () => {
    const f = await fake('openai');
    const scenario = { id: 'doc', title: 'Doc', preamble: '', prompt: '{{selection}} in {{document}}' };
    const error = await probe('openai', f.baseUrl, { text: 'x', model: 'openai:gpt-x', scenario, document: 'y'.repeat(100_001) }).then(
      () => assert.fail('expected a template error'),
      (e: ResponseError<{ code: string }>) => e,
    );
    assert.equal(error.data?.code, 'PROBE_TEMPLATE');
    assert.match(error.message, /the cap is 100,000/);
    assert.equal(f.requests.length, 0);
  });
});

describe('"Probe this entity" over LSP', () => {
  it('the hover of an entity ends with a command link, and a code action on it runs the same command with its sentence', async () => {
    const uri = pathToFileURL(join(workspace, 'notes', 'open.md')).href;
    const text = '# People\n\nThe engine was never built. Ada Lovelace wrote the first program for it in 1843! Babbage admired her.\n';
    await client.open(uri, text, 'markdown');
    await client.waitForDiagnostics(uri, (d) => d.diagnostics.some((x) => x.code === 'PERSON'));
    const line = 2;
    const character = text.split('\n')[line].indexOf('Lovelace');
    const hover = await client.hover(uri, { line, character });
    const value = (hover?.contents as MarkupContent).value;
    const link = /\[Probe this entity…\]\(command:samsara\.probeEntity\?([^ )]+)/.exec(value);
    assert.ok(link, value);
    const expected = {
      uri,
      entity: { text: 'Ada Lovelace', label: 'PERSON' },
      sentence: 'Ada Lovelace wrote the first program for it in 1843!',
      lines: { start: 3, end: 3 },
    };
    assert.deepEqual(JSON.parse(decodeURIComponent(link[1])), [expected]);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character }, end: { line, character } },
      context: { diagnostics: [] },
    });
    // The entity rules' corrections (quick fixes) come too; the probe action is the one without a kind.
    assert.deepEqual(
      actions.filter((a) => a.kind === undefined).map((a) => [a.title, a.command?.command, a.command?.arguments]),
      [['Probe "Ada Lovelace" (PERSON)…', 'samsara.probeEntity', [expected]]],
    );
    await client.close(uri);
  });

  it('a probe about an entity fills {{entity}} and records it, pseudonymised like any other name', async () => {
    const f = await fake('openai');
    const entity = { text: 'Ada Lovelace', label: 'PERSON' };
    const sentence = 'Ada Lovelace wrote the first program in 1843.';
    const { transcript: t } = await probe('openai', f.baseUrl, {
      text: sentence,
      entity,
      model: 'openai:gpt-x',
      scenario: 'about-entity',
      pseudonymize: ['PERSON'],
    });
    assert.deepEqual(t.entity, entity);
    assert.match(t.turns[0].prompt, /^What does this passage say about Ada Lovelace\?/);
    assert.match(t.turns[0].sentPrompt ?? '', /^What does this passage say about \[PERSON_1\]\?/);
    assert.ok(!everythingSent(f).includes('Lovelace'));
  });
});
