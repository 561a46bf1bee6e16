// The probe history through the real server: saved transcripts listed with what a tree groups
// them by, malformed files reported and skipped (never hiding the others), a comparison read back
// by its group, older versions migrated, and delete.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ResponseError } from 'vscode-jsonrpc/node';
import { probeResultSchema, readTranscriptsResultSchema, transcriptHistorySchema, type ProbeResult } from '../../../../shared/lsp';
import { startFakeProvider, type FakeProvider } from '../../../fixtures/fakeProviders/fakeProvider';
import { LspTestClient } from '../../../helpers/lspClient';

const workspace = mkdtempSync(join(tmpdir(), 'samsara-probe-history-ws-'));
const folder = join(workspace, '.samsara', 'probes');
let client: LspTestClient;
let fake: FakeProvider;

async function probe(args: Record<string, unknown>): Promise<ProbeResult> {
  return probeResultSchema.parse(
    await client.request<unknown>('workspace/executeCommand', {
      command: 'samsara.probe',
      arguments: [{ apiKey: 'k', text: 'Ada met Babbage.', ...args }],
    }),
  );
}

before(async () => {
  fake = await startFakeProvider('openai');
  client = await LspTestClient.start({
    workspaceFolder: workspace,
    settings: { probes: { baseUrls: { openai: fake.baseUrl, mistral: fake.baseUrl } } },
  });
});
after(async () => {
  await client.shutdown();
  await fake.close();
});

describe('probe history over LSP', () => {
  it('lists saved transcripts newest first with scenario, model and group; reports and skips malformed files', async () => {
    const one = { id: 'one', title: 'One', preamble: '', prompt: '{{selection}}' };
    const a = await probe({ model: 'openai:gpt-a', scenario: one, group: 'cmp-1' });
    const b = await probe({ model: 'mistral:m-b', scenario: one, group: 'cmp-1' });
    const c = await probe({ model: 'openai:gpt-c', scenario: 'critique' });
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '2020-01-01-broken.json'), '{ not json');
    writeFileSync(join(folder, '2020-01-02-other.json'), JSON.stringify({ hello: 'world' }));
    // A version 2 file (before labels, fidelity and pseudonymisation) is listed and read like any other.
    const v2 = JSON.parse(readFileSync(a.saved!.json, 'utf8')) as Record<string, unknown> & { run: Record<string, unknown> };
    delete v2.run.group;
    writeFileSync(
      join(folder, '2019-12-31T00-00-00.000Z-one-openai-old.json'),
      JSON.stringify({
        ...v2,
        schemaVersion: 2,
        parameters: { stream: false, maxTokens: 1024 },
        run: { ...v2.run, startedAt: '2019-12-31T00:00:00.000Z' },
      }),
    );

    const history = transcriptHistorySchema.parse(await client.request('samsara/transcriptHistory', {}));
    assert.equal(history.folder, folder);
    assert.deepEqual(
      history.entries.map((e) => [e.model, e.scenarioId, e.group ?? '-']),
      [
        ['openai:gpt-c', 'critique', '-'],
        ['mistral:m-b', 'one', 'cmp-1'],
        ['openai:gpt-a', 'one', 'cmp-1'],
        ['openai:gpt-a', 'one', '-'],
      ],
    );
    assert.equal(history.entries[0].json, c.saved?.json);
    assert.equal(history.entries[0].scenarioTitle, 'Critique the argument');
    assert.deepEqual(history.problems.map((p) => p.file).sort(), [
      join(folder, '2020-01-01-broken.json'),
      join(folder, '2020-01-02-other.json'),
    ]);
    assert.match(history.problems.find((p) => p.file.endsWith('broken.json'))?.problem ?? '', /cannot read it as JSON/);
    assert.match(history.problems.find((p) => p.file.endsWith('other.json'))?.problem ?? '', /not a Samsara transcript/);
    assert.ok(client.logText().includes('Probe history: skipped'), 'the skipped files are logged');

    const group = readTranscriptsResultSchema.parse(await client.request('samsara/readTranscripts', { group: 'cmp-1' }));
    assert.deepEqual(
      group.transcripts.map((t) => t.transcript.modelRequested),
      ['openai:gpt-a', 'mistral:m-b'],
      'a comparison is read back whole, in the order it ran',
    );
    assert.equal(group.transcripts[1].json, b.saved?.json);
    const old = readTranscriptsResultSchema.parse(
      await client.request('samsara/readTranscripts', {
        json: [join(folder, '2019-12-31T00-00-00.000Z-one-openai-old.json'), join(folder, '2020-01-01-broken.json')],
      }),
    );
    assert.equal(old.transcripts[0].migratedFrom, 2);
    assert.equal(old.transcripts[0].transcript.schemaVersion, 3);
    assert.equal(old.problems.length, 1);
  });

  it('deletes a transcript and its Markdown, and refuses a file outside the folder', async () => {
    const r = await probe({ model: 'openai:gpt-del', scenario: 'critique' });
    const saved = r.saved!;
    assert.ok(existsSync(saved.json) && existsSync(saved.markdown));
    const answer = await client.request<{ deleted: string[] }>('samsara/deleteTranscript', { json: saved.json });
    assert.deepEqual(answer.deleted, [saved.json, saved.markdown]);
    assert.ok(!existsSync(saved.json) && !existsSync(saved.markdown));
    const outside = join(workspace, 'elsewhere.json');
    writeFileSync(outside, '{}');
    const error = await client.request('samsara/deleteTranscript', { json: outside }).then(
      () => assert.fail('expected a refusal'),
      (e: ResponseError<{ code: string }>) => e,
    );
    assert.equal(error.data?.code, 'PROBE_TRANSCRIPT_FILE');
    assert.ok(existsSync(outside));
    const bad = await client.request('samsara/deleteTranscript', { json: 42 }).then(
      () => assert.fail('expected invalid parameters'),
      (e: ResponseError<{ code: string }>) => e,
    );
    assert.equal(bad.data?.code, 'PROBE_INVALID_ARGUMENTS');
    assert.match(bad.message, /samsara\/deleteTranscript: invalid parameters: json/);
  });
});
