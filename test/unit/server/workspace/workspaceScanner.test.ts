// The workspace scanner without a server: files indexed through the analysis cache at the scan
// priority; a second scan finds them unchanged, a new index takes them from the store; open files
// are left to their live model; a cancelled scan stops, drops its queued work and keeps what it
// indexed; a failed analysis is counted, not thrown.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver';
import { silentLogger } from '../../../../server/src/logger';
import { AnalysisCache } from '../../../../server/src/analysis/analysisCache';
import type { Entity } from '../../../../server/src/protocol/sidecar';
import { IndexStore } from '../../../../server/src/workspace/indexStore';
import { languageFiles } from '../../../../server/src/workspace/languageFiles';
import { WorkspaceIndex } from '../../../../server/src/workspace/workspaceIndex';
import { WorkspaceScanner, type ScanTarget } from '../../../../server/src/workspace/workspaceScanner';

/** A sidecar that tags every "Paris" as GPE; `gate` holds answers back until released. */
function sidecar() {
  let open = true;
  const held: (() => void)[] = [];
  let texts = 0;
  const analyze = async (batch: string[]): Promise<Entity[][]> => {
    texts += batch.length;
    if (!open) await new Promise<void>((resolve) => held.push(resolve));
    return batch.map((text) =>
      [...text.matchAll(/Paris/g)].map((m) => ({ label: 'GPE', text: 'Paris', start: m.index, end: m.index + 5 })),
    );
  };
  return {
    analyze,
    texts: () => texts,
    close: () => (open = false),
    release: () => held.splice(0).forEach((resolve) => resolve()),
  };
}

function workspace(count: number): { folder: string; target: ScanTarget } {
  const folder = mkdtempSync(join(tmpdir(), 'samsara-scanner-'));
  // Paragraphs longer than a unit's context (analysisUnits.ts): each goes to the sidecar as a unit of its own.
  const words = 'with more words than the context of a unit holds';
  for (let i = 0; i < count; i++)
    writeFileSync(join(folder, `f${i}.txt`), `Trip ${i} to Paris ${words}.\n\nParis again, file ${i}, ${words}.\n`);
  const rules = {
    languages: languageFiles(['plaintext']),
    include: [],
    exclude: [],
    excludedFolders: [],
    maxFileBytes: 10_000,
    gitignore: true,
  };
  return { folder, target: { folder, rules } };
}

function scanner(analyze: (texts: string[]) => Promise<Entity[][]>, open = new Set<string>()) {
  // Batches of one block at a time: the rest stays queued, where a cancel can drop it.
  const cache = new AnalysisCache(analyze, { initialCharsPerMs: 1, backgroundBatchMs: 1, minBatchChars: 1, maxBatchChars: 30 });
  const store = new IndexStore(undefined, { maxBytes: 1_000_000, log: silentLogger });
  const index = new WorkspaceIndex();
  const progress: [number, number][] = [];
  const s = new WorkspaceScanner({ cache, store, index, isOpen: (uri) => open.has(uri), log: silentLogger });
  return { s, cache, store, index, progress, report: { report: (done: number, found: number) => progress.push([done, found]) } };
}

describe('WorkspaceScanner', () => {
  it('indexes files at the scan priority, then finds them unchanged, or in the store', async () => {
    const fake = sidecar();
    const { folder, target } = workspace(3);
    const { s, cache, store, index, report, progress } = scanner(fake.analyze);
    assert.equal(await s.scan([target], report), true);
    assert.equal(s.counters.filesAnalyzed, 3);
    assert.equal(index.fileCount, 3);
    assert.equal(index.mentions('GPE:paris').get(pathToFileURL(join(folder, 'f1.txt')).href)?.length, 2);
    assert.ok(cache.stats.scanBatches > 0 && cache.stats.interactiveBatches === 0);
    assert.deepEqual(progress.at(-1), [3, 3]);
    await s.scan([target], report);
    assert.equal(s.counters.filesUnchanged, 3);
    const again = new WorkspaceScanner({ cache, store, index: new WorkspaceIndex(), isOpen: () => false, log: silentLogger });
    await again.scan([target], report);
    assert.equal(again.counters.filesFromStore, 3);
  });

  it('leaves open files to their live model', async () => {
    const { folder, target } = workspace(2);
    const open = new Set([pathToFileURL(join(folder, 'f0.txt')).href]);
    const { s, index, report } = scanner(sidecar().analyze, open);
    await s.scan([target], report);
    assert.equal(index.fileCount, 1);
    assert.equal(s.counters.filesAnalyzed, 1);
  });

  it('stops when cancelled, dropping the work still queued and keeping what it indexed', async () => {
    const fake = sidecar();
    const { target } = workspace(20);
    const { s, cache, index, report } = scanner(fake.analyze);
    fake.close();
    const cancel = new CancellationTokenSource();
    const scanning = s.scan([target], report, cancel.token);
    while (fake.texts() === 0) await new Promise((resolve) => setImmediate(resolve));
    cancel.cancel();
    fake.release();
    assert.equal(await scanning, false);
    assert.equal(s.scanning, false);
    assert.ok(index.fileCount < 20, `${index.fileCount} files indexed`);
    assert.ok(cache.stats.blocksCancelled > 0, 'queued blocks dropped');
  });

  it('counts a file whose analysis failed, and goes on', async () => {
    const { target } = workspace(2);
    const { s, index, report } = scanner(async () => {
      throw new Error('no sidecar');
    });
    assert.equal(await s.scan([target], report), true);
    assert.equal(s.counters.filesFailed, 2);
    assert.equal(index.fileCount, 0);
  });
});
