// The folder is the boundary (issue 20, attack 4): the scan, the watcher's reads and the CLI
// follow no link out of the folder, never into /proc, /sys or /dev (a link to /proc/self/pagemap
// grew the server past 7 GB; /proc/self/environ put environment strings in the index), read only
// regular files (a FIFO hung the rescan), and cap reads by the bytes actually read (a watcher
// event for a 5 MB file bypassed the 1 MB cap).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inputs } from '../../../../cli/src/commands/entitiesInputs';
import { parseEntitiesOptions } from '../../../../cli/src/commands/entitiesOptions';
import { readRulesFile } from '../../../../server/src/entityRules/rulesSources';
import { RefusedPathError, TooLargeError } from '../../../../server/src/workspace/boundedRead';
import { admits, walkFolder, type Found } from '../../../../server/src/workspace/discovery';
import { readText } from '../../../../server/src/workspace/fileAnalysis';
import type { ScanRules } from '../../../../server/src/workspace/fileRules';
import { languageFiles } from '../../../../server/src/workspace/languageFiles';
import { hostileWorkspace, type HostileWorkspace } from '../../../helpers/hostileWorkspace';

const MB = 1024 * 1024;
const rules: ScanRules = {
  languages: languageFiles(['plaintext', 'markdown']),
  include: [],
  exclude: [],
  excludedFolders: [],
  maxFileBytes: MB,
  gitignore: true,
};

async function collect(found: AsyncIterable<Found>): Promise<Found[]> {
  const list: Found[] = [];
  for await (const f of found) list.push(f);
  return list;
}

describe('the folder is the boundary', () => {
  let ws: HostileWorkspace;
  before(async () => {
    ws = await hostileWorkspace();
  });
  after(() => ws.close());

  it('the scan reads only the honest file; every way out is reported, none read, nothing blocks', async () => {
    const found = await collect(walkFolder(ws.root, rules));
    assert.deepEqual(
      found.filter((f) => f.kind === 'file').map((f) => f.relativePath),
      ['notes.md'],
    );
    const refused = Object.fromEntries(
      found.filter((f) => f.kind === 'unreadable').map((f) => [f.relativePath, f.kind === 'unreadable' ? f.message : '']),
    );
    assert.match(refused['passwd.md'], /leads outside the folder/);
    assert.match(refused['secret.md'], /leads outside the folder/);
    assert.match(refused['relative.md'], /leads outside the folder/);
    assert.match(refused['environ.md'], /system folder/);
    assert.match(refused['pagemap.md'], /system folder/);
    assert.match(refused['fifo.md'], /not a regular file/);
    assert.match(refused['socket.md'], /not a regular file/);
  });

  it('a watcher event is admitted by name but its read stays confined, capped and non-blocking', async () => {
    assert.equal(await admits(ws.root, 'environ.md', rules), 'markdown'); // the name is fine ...
    await assert.rejects(readText(join(ws.root, 'environ.md'), MB, ws.root), RefusedPathError); // ... the read is not
    await assert.rejects(readText(join(ws.root, 'secret.md'), MB, ws.root), RefusedPathError);
    await assert.rejects(readText(join(ws.root, 'fifo.md'), MB, ws.root), RefusedPathError);
    writeFileSync(join(ws.root, 'big.md'), 'word '.repeat(MB)); // 5 MB
    await assert.rejects(readText(join(ws.root, 'big.md'), MB, ws.root), TooLargeError);
    assert.equal(await readText(join(ws.root, 'notes.md'), MB, ws.root), 'Charles Babbage met Ada Lovelace in London.');
  });

  it('/proc files are refused even without a link (stat says 0 bytes, a read yields gigabytes)', async () => {
    await assert.rejects(readText('/proc/self/pagemap', MB), RefusedPathError);
  });

  it('the CLI walks a folder and names files under the same rules', async () => {
    const options = parseEntitiesOptions([ws.root, join(ws.root, 'environ.md'), '/proc/self/environ', join(ws.root, 'fifo.md')]);
    const found = await collect(inputs(options, '/'));
    assert.deepEqual(
      found.filter((f) => f.kind === 'file').map((f) => f.relativePath),
      [`${ws.root.slice(1)}/notes.md`],
    );
    const unreadable = found.filter((f) => f.kind === 'unreadable').map((f) => f.path);
    for (const path of [join(ws.root, 'environ.md'), '/proc/self/environ', join(ws.root, 'fifo.md'), join(ws.root, 'passwd.md')])
      assert.ok(unreadable.includes(path), `${path} refused: ${JSON.stringify(unreadable)}`);
  });

  it('a rules file that is a FIFO or a link out is a problem, not a hang or a read', async () => {
    const fifo = await readRulesFile(join(ws.root, 'fifo.md'), ws.root);
    assert.ok('problem' in fifo && /not a regular file/.test(fifo.problem.message), JSON.stringify(fifo));
    const out = await readRulesFile(join(ws.root, 'environ.md'), ws.root);
    assert.ok('problem' in out && /system folder/.test(out.problem.message), JSON.stringify(out));
  });
});
