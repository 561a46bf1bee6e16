// Lean at rest with the real sidecar over stdio (issue 26 item 3): a workspace scan with 2 workers,
// then the second worker retires after the quiet delay (set to 1 s) and samsara/stats says it is
// retired, not crashed; a scan of new files starts it again, still without a crash counted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WorkspaceCommands, type SidecarWorkerStats } from '../../../shared/lsp';
import { LspTestClient } from '../../helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../../helpers/paths';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const PEOPLE = ['Ada Lovelace', 'Charles Babbage', 'Mary Somerville', 'Michael Faraday', 'Caroline Herschel'];
const PLACES = ['London', 'Paris', 'Berlin', 'Vienna', 'Edinburgh', 'Geneva'];

/** Distinct paragraphs (nothing cached twice), enough for several scan batches. */
function prose(file: string, paragraphs: number): string {
  return Array.from({ length: paragraphs }, (_, i) => {
    const who = PEOPLE[i % PEOPLE.length];
    const where = PLACES[(i * 7) % PLACES.length];
    return `In letter ${i} of ${file}, ${who} wrote from ${where} about the Royal Society and the meeting of March ${(i % 28) + 1}. The reply came a week later, copied twice by the clerk.`;
  }).join('\n\n');
}

const root = mkdtempSync(join(tmpdir(), 'samsara-retire-'));
const storage = mkdtempSync(join(tmpdir(), 'samsara-retire-store-'));
for (const name of ['a', 'b', 'c']) writeFileSync(join(root, `${name}.txt`), prose(name, 150));

describe('idle retirement with the real sidecar', () => {
  let client: LspTestClient;

  const workers = async (): Promise<SidecarWorkerStats[]> => (await client.stats()).sidecar.workers ?? [];
  const scans = async (): Promise<number> => {
    const workspace = (await client.stats()).workspace;
    return workspace && !workspace.scanning ? workspace.scans : 0;
  };
  const waitOptions = (message: string) => ({ timeoutMs: 60_000, message, abortIf: () => client.deathNotice() });

  before(async () => {
    client = await LspTestClient.start({
      workspaceFolder: root,
      workspaceStorageFolder: storage,
      settings: { sidecar: { path: realSidecar, workers: 2, idleRetireSeconds: 1 } },
    });
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  });
  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
    rmSync(storage, { recursive: true, force: true });
  });

  it('retires the second worker after a scan and starts it again for the next one, never as a crash', async () => {
    await waitFor(async () => (await scans()) >= 1, waitOptions('the first scan'));
    const afterScan = await workers();
    assert.ok(afterScan[1].requests > 0, `both workers took scan batches: ${JSON.stringify(afterScan)}`);

    const rested = await waitFor(async () => {
      const stats = await client.stats();
      return stats.sidecar.workersRetired === 1 ? stats.sidecar : undefined;
    }, waitOptions('worker 2 retired'));
    const second = rested.workers?.[1];
    assert.deepEqual([second?.state, second?.retired, second?.retirements, second?.crashes], ['stopped', true, 1, 0]);
    assert.equal(second?.pid, undefined, 'its process is gone');
    assert.deepEqual([rested.state, rested.workers?.[0].state, rested.workersReady], ['ready', 'ready', 1]);

    // New files and a rescan: work waits again, and worker 2 comes back for it.
    for (const name of ['d', 'e', 'f']) writeFileSync(join(root, `${name}.txt`), prose(name, 150));
    await client.executeCommand(WorkspaceCommands.rescan);
    const back = await waitFor(async () => {
      const list = await workers();
      return (list[1]?.starts ?? 0) >= 2 && list[1].requests > afterScan[1].requests ? list : undefined;
    }, waitOptions('worker 2 started again for the new scan'));
    assert.deepEqual([back[1].crashes, back[0].crashes, back[1].retirements], [0, 0, 1]);
    assert.equal((await client.stats()).sidecar.state, 'ready');
  });
});
