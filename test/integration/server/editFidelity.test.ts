// Entities after edits equal a fresh analysis of the same text, with the real sidecar: an edit at
// the start of a paragraph (within the context of the unit before it, which shows its previous
// entities first and is checked once typing pauses, analysis/documentRun.ts), one in the middle
// of a line, one that leaves the text as it was; each followed by the semantic tokens delta a
// typing client asks for. The fresh analysis is a second document with the final text.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jargonProse } from '../../helpers/corpus';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { semanticTokens, semanticTokensDelta } from '../../helpers/entityRequests';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

describe('entities after edits', () => {
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { sidecar: { path: realSidecar } } });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
  });

  it('equal a fresh analysis of the edited text, the units whose context alone changed checked once typing pauses', async () => {
    const uri = 'file:///edited.txt';
    let text = jargonProse(20_000, 200_000);
    await client.open(uri, text);
    let resultId = (await semanticTokens(client, uri)).resultId ?? '';
    const checks = (await client.stats()).neighbourChecks ?? 0;
    // A paragraph's first words are context of the unit before it: there, "Smith said" makes the
    // "n." closing that unit part of an ORG, where it was a PERSON before the edit (found by trying).
    const paragraph = 4441;
    assert.equal(text.slice(paragraph - 2, paragraph), '\n\n', 'the corpus has a paragraph start there');
    const middle = text.indexOf(' ', text.indexOf('\n', (text.length * 3) / 4) + 20) + 1;
    const edits = [
      { at: paragraph, remove: 0, insert: 'Smith said ' },
      { at: middle, remove: 0, insert: 'Angela Merkel and ' },
      { at: middle, remove: 'Angela'.length, insert: 'Angela' },
    ];
    let version = 1;
    for (const edit of edits) {
      version += 1;
      const start = positionOf(text, edit.at);
      const end = positionOf(text, edit.at + edit.remove);
      text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
      await client.change(uri, version, [{ range: { start, end }, text: edit.insert }]);
      resultId = (await semanticTokensDelta(client, uri, resultId)).resultId ?? '';
    }
    const final = version;
    await waitFor(
      async () => {
        const run = (await client.stats()).lastRun;
        return run?.version === final && run.doneMs !== undefined;
      },
      { timeoutMs: 30_000, intervalMs: 20, message: 'the last run checked every unit' },
    );
    const stats = await client.stats();
    assert.ok((stats.neighbourChecks ?? 0) > checks, 'a unit whose context alone changed was checked after the first tokens');
    assert.ok((stats.neighbourCorrections ?? 0) > 0, 'and its entities, changed by the new context, published again');
    const edited = await semanticTokens(client, uri);
    await client.open('file:///fresh.txt', text);
    const fresh = await semanticTokens(client, 'file:///fresh.txt');
    assert.ok(fresh.data.length > 100, `${fresh.data.length / 5} tokens`);
    assert.deepEqual(edited.data, fresh.data, 'the edited document shows what a fresh analysis of its text shows');
  });
});

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
