// Saved transcripts are not analysed: a document inside the transcript folder is recognised (and
// nothing else), the folder is resolved again after a configuration change, and a folder that
// cannot be resolved (or is slow to) excludes nothing rather than stalling analysis.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { TranscriptDocuments } from '../../../../server/src/probes/transcriptDocuments';

const uri = (path: string): string => pathToFileURL(path).toString();

describe('TranscriptDocuments', () => {
  it('recognises files inside the folder only', async () => {
    let asked = 0;
    const docs = new TranscriptDocuments(async () => {
      asked++;
      return '/work/book/.samsara/probes';
    });
    assert.equal(await docs.contains(uri('/work/book/.samsara/probes/2025-summarize-openai.md')), true);
    assert.equal(await docs.contains(uri('/work/book/.samsara/probes/sub/x.md')), true);
    assert.equal(await docs.contains(uri('/work/book/chapter1.md')), false);
    assert.equal(await docs.contains(uri('/work/book/.samsara/probes-old/x.md')), false, 'a sibling with the same prefix');
    assert.equal(await docs.contains('untitled:Untitled-1'), false);
    assert.equal(asked, 1, 'resolved once');
    docs.changed();
    await docs.contains(uri('/work/book/chapter1.md'));
    assert.equal(asked, 2, 'resolved again after a change');
  });

  it('excludes nothing when the folder cannot be resolved, or not in time', async () => {
    const failing = new TranscriptDocuments(async () => {
      throw new Error('samsara.probes.transcriptFolder "../x" leaves the workspace');
    });
    assert.equal(await failing.contains(uri('/x/.samsara/probes/a.md')), false);
    const never = new TranscriptDocuments(() => new Promise<string>(() => undefined), 20);
    assert.equal(await never.contains(uri('/x/.samsara/probes/a.md')), false);
  });
});
