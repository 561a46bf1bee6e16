// The transcript store on a real temporary folder: names that never collide, nothing overwritten,
// no temporary file left behind, reads confined to the folder, old versions migrated, and the
// folder rule (inside the workspace unless absolute).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveTranscriptFolder, TranscriptStore } from '../../../../server/src/probes/transcriptStore';
import { TRANSCRIPT_SCHEMA_VERSION, type Transcript } from '../../../../shared/probes/transcript';
import { transcriptToMarkdown } from '../../../../shared/probes/transcriptMarkdown';

function transcript(model: string, startedAt = '2025-03-04T05:06:07.890Z'): Transcript {
  return {
    schemaVersion: TRANSCRIPT_SCHEMA_VERSION,
    run: { id: `run-${model}`, startedAt, endedAt: startedAt, durationMs: 0, samsaraVersion: '0.1.0', outcome: 'completed' },
    scenario: { id: 'summarize', title: 'S', preamble: 'p', prompt: 'q {{selection}}', followUps: [] },
    provider: model.split(':')[0],
    modelRequested: model,
    selection: 'x',
    turns: [],
    totals: { inputTokens: 0, outputTokens: 0, estimated: false, durationMs: 0, retries: 0, turns: 0 },
    errors: [],
  };
}

const temp = (): string => mkdtempSync(join(tmpdir(), 'samsara-store-'));

describe('TranscriptStore', () => {
  it('models that fold to the same name, and runs in the same millisecond, never overwrite each other', async () => {
    const store = new TranscriptStore(join(temp(), 'probes'));
    const saved = [
      await store.save(transcript('ollama:llama3.1:8b')),
      await store.save(transcript('ollama:llama3.1-8b')),
      await store.save(transcript('ollama:llama3.1:8b')),
    ];
    assert.equal(new Set(saved.map((s) => s.json)).size, 3);
    assert.deepEqual(
      saved.map((s) => s.json.split('/').at(-1)),
      [
        '2025-03-04T05-06-07.890Z-summarize-ollama-llama3.1-8b.json',
        '2025-03-04T05-06-07.890Z-summarize-ollama-llama3.1-8b-2.json',
        '2025-03-04T05-06-07.890Z-summarize-ollama-llama3.1-8b-3.json',
      ],
    );
    assert.equal(JSON.parse(readFileSync(saved[1].json, 'utf8')).modelRequested, 'ollama:llama3.1-8b');
    assert.equal(readFileSync(saved[2].markdown, 'utf8'), transcriptToMarkdown(transcript('ollama:llama3.1:8b')));
    assert.deepEqual(
      readdirSync(store.folder).filter((n) => n.endsWith('.tmp')),
      [],
      'no temporary file left',
    );
  });

  it('saves concurrently without losing a transcript', async () => {
    const store = new TranscriptStore(join(temp(), 'probes'));
    const saved = await Promise.all(Array.from({ length: 12 }, () => store.save(transcript('openai:gpt-4o'))));
    assert.equal(new Set(saved.map((s) => s.json)).size, 12);
    assert.equal(readdirSync(store.folder).filter((n) => n.endsWith('.json')).length, 12);
  });

  it('a stray Markdown file of the same name is not replaced', async () => {
    const store = new TranscriptStore(temp());
    writeFileSync(join(store.folder, '2025-03-04T05-06-07.890Z-summarize-openai-gpt-4o.md'), 'mine');
    const saved = await store.save(transcript('openai:gpt-4o'));
    assert.match(saved.json, /-2\.json$/);
    assert.equal(readFileSync(join(store.folder, '2025-03-04T05-06-07.890Z-summarize-openai-gpt-4o.md'), 'utf8'), 'mine');
  });

  it('lists newest first, reads and migrates v1, refuses files outside its folder', async () => {
    const store = new TranscriptStore(temp());
    await store.save(transcript('openai:a', '2025-01-01T00:00:00.000Z'));
    await store.save(transcript('openai:b', '2025-06-01T00:00:00.000Z'));
    const v1 = { ...transcript('openai:old', '2024-01-01T00:00:00.000Z'), schemaVersion: 1 };
    writeFileSync(join(store.folder, '2024-old.json'), JSON.stringify(v1));
    const list = await store.list();
    assert.deepEqual(
      list.map((i) => i.name),
      ['2025-06-01T00-00-00.000Z-summarize-openai-b', '2025-01-01T00-00-00.000Z-summarize-openai-a', '2024-old'],
    );
    assert.equal(list[2].markdown, undefined);
    const read = await store.read(list[2].json);
    assert.deepEqual([read.migratedFrom, read.transcript.schemaVersion], [1, TRANSCRIPT_SCHEMA_VERSION]);
    const rendered = await store.render(list[2].json);
    assert.equal(readFileSync(rendered, 'utf8'), transcriptToMarkdown(read.transcript));
    await assert.rejects(store.read('/etc/passwd'), (e: Error & { code?: string }) => e.code === 'PROBE_TRANSCRIPT_FILE');
    await assert.rejects(store.read(join(store.folder, '..', 'x.json')), /not a transcript of/);
    writeFileSync(join(store.folder, 'bad.json'), '{"schemaVersion": 2}');
    await assert.rejects(store.read(join(store.folder, 'bad.json')), /not a Samsara transcript: run/);
  });
});

describe('resolveTranscriptFolder', () => {
  it('keeps a relative folder inside the workspace', async () => {
    const ws = temp();
    assert.equal(await resolveTranscriptFolder({ setting: 'notes/probes', workspace: ws, fallback: '/fb' }), join(ws, 'notes/probes'));
    assert.equal(await resolveTranscriptFolder({ setting: '', workspace: ws, fallback: '/fb' }), join(ws, '.samsara/probes'));
    for (const escaping of ['..', '../elsewhere', 'a/../../b']) {
      await assert.rejects(
        resolveTranscriptFolder({ setting: escaping, workspace: ws, fallback: '/fb' }),
        (e: Error & { code?: string }) => e.code === 'PROBE_TRANSCRIPT_FOLDER' && /leaves the workspace/.test(e.message),
      );
    }
  });
  it('refuses a symbolic link that leads out of the workspace', async () => {
    const ws = temp();
    const outside = temp();
    mkdirSync(join(ws, '.samsara'));
    symlinkSync(outside, join(ws, '.samsara', 'probes'));
    await assert.rejects(resolveTranscriptFolder({ setting: '.samsara/probes', workspace: ws, fallback: '/fb' }), /symbolic link/);
  });
  it('takes an absolute folder as given (only user settings can send one), and the fallback without a workspace', async () => {
    assert.equal(await resolveTranscriptFolder({ setting: '/home/me/t', workspace: temp(), fallback: '/fb' }), '/home/me/t');
    assert.equal(await resolveTranscriptFolder({ setting: '.samsara/probes', fallback: '/fb' }), '/fb');
  });
});
