// The reading order the story bible hover and the appearance views use: `.samsara/manuscript.yaml`
// is read and parsed once while it is unchanged, and an edit to it (or its removal) is seen at the
// next use.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ReadingOrderCache } from '../../../../server/src/workspace/readingOrder';

describe('reading order cache', () => {
  const root = mkdtempSync(join(tmpdir(), 'samsara-order-'));
  mkdirSync(join(root, '.samsara'));
  const manuscript = join(root, '.samsara', 'manuscript.yaml');
  const folder = pathToFileURL(root).href;
  const files = ['a.md', 'b.md', 'c.md'].map((name) => pathToFileURL(join(root, name)).href);
  const names = (uris: string[]) => uris.map((uri) => uri.slice(folder.length + 1));
  after(() => rmSync(root, { recursive: true, force: true }));

  const reads: string[] = [];
  const cache = new ReadingOrderCache(async (uri) => {
    reads.push(uri);
    return readFile(fileURLToPath(uri), 'utf8').catch(() => undefined);
  });

  it('reads the manuscript once while it is unchanged, and sees an edit at the next use', async () => {
    writeFileSync(manuscript, 'chapters:\n  - c.md\n  - a.md\n');
    const first = await cache.load([folder]);
    assert.deepEqual(names(first.order.sort(files)), ['c.md', 'a.md', 'b.md']);
    const again = await cache.load([folder]);
    assert.equal(again, first, 'the same order, not rebuilt');
    assert.equal(reads.length, 1, 'not read again');

    writeFileSync(manuscript, 'chapters:\n  - b.md\n');
    assert.deepEqual(names((await cache.load([folder])).order.sort(files)), ['b.md', 'a.md', 'c.md']);
    assert.equal(reads.length, 2);

    writeFileSync(manuscript, 'chapters: [nope\n');
    assert.match((await cache.load([folder])).problem ?? '', /manuscript\.yaml: not valid YAML/);

    rmSync(manuscript);
    const none = await cache.load([folder]);
    assert.equal(none.problem, undefined);
    assert.deepEqual(names(none.order.sort(files)), ['a.md', 'b.md', 'c.md']);
    assert.equal(reads.length, 3, 'a missing file is not read');
  });
});
