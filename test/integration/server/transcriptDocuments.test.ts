// Saved probe transcripts are records, not prose: a Markdown file inside the transcript folder
// (samsara.probes.transcriptFolder, relative to the workspace) gets no entities, while the same
// text elsewhere in the workspace does. Real server, real sidecar.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { documentEntities, semanticTokens } from '../../helpers/entityRequests';

requireRealSidecar();

const TEXT = 'Angela Merkel met Barack Obama in Berlin on Monday.\n';

describe('transcript documents are not analysed', () => {
  let client: LspTestClient;
  let workspace: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'samsara-transcripts-ws-'));
    client = await LspTestClient.start({
      workspaceFolder: workspace,
      settings: { sidecar: { path: realSidecar }, analysis: { debounceMs: 0 }, probes: { transcriptFolder: 'notes/probes' } },
    });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('a transcript gets no entities; the same text beside it does', async () => {
    const prose = pathToFileURL(join(workspace, 'notes', 'chapter.md')).href;
    const transcript = pathToFileURL(join(workspace, 'notes', 'probes', '2025-summarize-openai.md')).href;
    await client.open(transcript, TEXT, 'markdown');
    await client.open(prose, TEXT, 'markdown');
    // Semantic tokens wait for the analysis; the entity model is then there.
    assert.ok((await semanticTokens(client, prose)).data.length > 0, 'the chapter is analysed');
    assert.ok((await documentEntities(client, prose))?.labels.length, 'the chapter has an entity model');
    assert.deepEqual((await semanticTokens(client, transcript)).data, [], 'no token in the transcript');
    assert.equal(await documentEntities(client, transcript), null, 'no entity model for the transcript');
    assert.equal(await client.hover(transcript, { line: 0, character: 3 }), null, 'no hover');
  });
});
