// The workspace index's store on disk: what is saved is read back under the same identity; a
// store cut short, with a bad line, or made under another pipeline is discarded (deleted, the
// reason kept) and never fatal; the size budget keeps the most recently used contents; a save
// goes through a temporary file and a rename; a save that cannot be written is logged.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { IndexStore, type StoreIdentity } from '../../../../server/src/workspace/indexStore';

const identity: StoreIdentity = { model: 'en_core_web_sm', modelVersion: '3.8.0', rules: null };
const ada = [{ label: 'PERSON', text: 'Ada Lovelace', start: 0, end: 12 }];
const paris = [{ label: 'GPE', text: 'Paris', start: 4, end: 9 }];

function logger() {
  const warnings: string[] = [];
  return {
    warnings,
    log: { error: () => undefined, warn: (m: string) => warnings.push(m), info: () => undefined, debug: () => undefined },
  };
}

function storeIn(dir: string, maxBytes = 1_000_000, now = () => Date.now()) {
  const { warnings, log } = logger();
  return { store: new IndexStore(join(dir, 'workspace-index.jsonl'), { maxBytes, log, now }), warnings };
}

async function saved(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'samsara-store-'));
  const { store } = storeIn(dir);
  await store.load(identity);
  store.put('plain:aaa', ada);
  store.put('markdown:bbb', paris);
  await store.save();
  return dir;
}

describe('IndexStore', () => {
  it('reads back what it saved, through a temporary file and a rename', async () => {
    const dir = await saved();
    assert.deepEqual(readdirSync(dir), ['workspace-index.jsonl'], 'no temporary file left');
    const { store } = storeIn(dir);
    await store.load(identity);
    assert.equal(store.stats.loaded, 2);
    assert.deepEqual(store.get('plain:aaa'), ada);
    assert.deepEqual(store.get('markdown:bbb'), paris);
  });

  it('discards a store cut short, and deletes it', async () => {
    const dir = await saved();
    const file = join(dir, 'workspace-index.jsonl');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.lastIndexOf('{"entries"')));
    const { store, warnings } = storeIn(dir);
    await store.load(identity);
    assert.equal(store.size, 0);
    assert.match(store.stats.discarded ?? '', /incomplete/);
    assert.match(warnings.join('\n'), /discarded/);
    assert.ok(!existsSync(file));
  });

  it('discards a store with a line that is not an entry, or one of another pipeline', async () => {
    const dir = await saved();
    const file = join(dir, 'workspace-index.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [lines[0], '{"k":"x","t":1,"e":[["PERSON","A",5,2]]}', lines[2], lines[3], ''].join('\n'));
    const { store } = storeIn(dir);
    await store.load(identity);
    assert.match(store.stats.discarded ?? '', /line 2/);
    const other = await saved();
    const { store: foreign } = storeIn(other);
    await foreign.load({ ...identity, modelVersion: '3.9.0' });
    assert.match(foreign.stats.discarded ?? '', /made with en_core_web_sm 3\.8\.0/);
    const garbage = mkdtempSync(join(tmpdir(), 'samsara-store-'));
    writeFileSync(join(garbage, 'workspace-index.jsonl'), '\u0000\u0001 not json');
    const { store: broken } = storeIn(garbage);
    await broken.load(identity);
    assert.match(broken.stats.discarded ?? '', /header/);
  });

  it('keeps the most recently used contents within its size budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsara-store-'));
    let clock = 0;
    const { store } = storeIn(dir, 300, () => ++clock);
    await store.load(identity);
    for (const key of ['plain:old', 'plain:mid', 'plain:new']) store.put(key, ada);
    store.get('plain:old'); // used again: the most recent now
    await store.save();
    assert.ok(readFileSync(join(dir, 'workspace-index.jsonl')).length <= 300);
    assert.deepEqual(store.get('plain:new'), ada);
    assert.deepEqual(store.get('plain:old'), ada);
    assert.equal(store.get('plain:mid'), undefined, 'the least recently used went');
  });

  it('logs a save that cannot be written, and keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsara-store-'));
    const blocker = join(dir, 'file');
    writeFileSync(blocker, '');
    const { warnings, log } = logger();
    const store = new IndexStore(join(blocker, 'sub', 'workspace-index.jsonl'), { maxBytes: 1000, log });
    await store.load(identity);
    store.put('plain:aaa', ada);
    await store.save();
    assert.match(warnings.join('\n'), /not saved/);
    assert.deepEqual(store.get('plain:aaa'), ada);
  });
});
