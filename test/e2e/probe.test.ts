// End to end in the real VS Code (code-server + Chromium): set an API key from the palette, point
// the OpenAI provider at a local fake through user settings, probe a selection, and watch the
// answer stream into a live document before the saved transcript replaces it; cancel a second
// probe mid-stream and find its partial answer saved, marked cancelled. The server trace is
// verbose the whole time: the key reached the provider, yet neither it nor any 8-character slice
// of it is in the extension's log, the transcripts or the settings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { transcriptSchema } from '../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider, type FakeStep } from '../fixtures/fakeProviders/fakeProvider';
import { waitFor } from '../helpers/waitFor';
import { pick, runPaletteCommand, setApiKey, waitForQuickInputTitle } from './harness/quickInput';
import { startSession, type Session } from './harness/session';
import { webviewPage } from './harness/writerFlows';
import { activeEditor, openFile } from './harness/workbench';

const KEY = 'sk-e2e-DISTINCTIVE-5a4b3c2d1e';
const MODEL = 'openai:gpt-e2e';
const reply = (n: number): string => `FAKE-REPLY-${n} from the e2e model.`;

/** Files under `root` whose text contains any of `needles` (relative paths). */
function filesContaining(root: string, needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(path);
      else if (stat?.isFile() && stat.size < 20_000_000) {
        const text = readFileSync(path, 'latin1');
        if (needles.some((n) => text.includes(n))) hits.push(path.slice(root.length + 1));
      }
    }
  };
  walk(root);
  return hits;
}

/** The conversation requests the fake received (GETs list its models for the picker). */
const posts = (fake: FakeProvider): FakeProvider['requests'] => fake.requests.filter((r) => r.method === 'POST');

const slices = (key: string): string[] => Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8));

async function probeSelection(page: Page): Promise<void> {
  const editor = activeEditor(page);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await runPaletteCommand(page, 'Samsara: Probe Selection…', 'Probe scenario');
  await pick(page, 'summarize', 'Summarise, then follow up');
  await waitForQuickInputTitle(page, 'Samsara: Model');
  await pick(page, MODEL, MODEL);
}

describe('probes in the real VS Code', { timeout: 600_000 }, () => {
  let fake: FakeProvider;
  let session: Session;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));

  before(async () => {
    const steps: FakeStep[] = [
      // The first answer pauses mid-way, so the test sees it streaming into the live document.
      { kind: 'stream', chunks: ['FAKE-REPLY-1 ', 'from the e2e model.'], pauseAfter: { chunks: 1, until: gate } },
      { kind: 'stream', chunks: ['FAKE-REPLY-2 ', 'from the e2e model.'] },
      { kind: 'stream', chunks: ['FAKE-REPLY-3 ', 'from the e2e model.'] },
      // The second probe's first answer stops after one piece and never ends: it gets cancelled.
      { kind: 'stream', chunks: ['HALF-AN-ANSWER ', 'never sent'], hangAfter: 1 },
    ];
    fake = await startFakeProvider('openai', { steps });
    session = await startSession({
      userSettings: {
        'samsara.probes.baseUrls': { openai: fake.baseUrl },
        'samsara.probes.models': [MODEL, 'ollama:llama3.1'],
        'samsara.trace.server': 'verbose',
      },
    });
  });

  after(async () => {
    release();
    await session?.stop();
    await fake?.close();
  });

  it('sets a key, streams the answer live, then opens the saved transcript', async () => {
    const { page, workspace } = session;
    await session.step('probe-open-sample', () => openFile(page, 'sample.txt'));
    await session.step('probe-set-api-key', () => setApiKey(page, 'openai', 'OpenAI', KEY));
    await session.step('probe-run', () => probeSelection(page));

    await session.step('probe-live', async () => {
      await page.locator('.tab', { hasText: 'live' }).waitFor({ timeout: 60_000 });
      await activeEditor(page).locator('.view-lines', { hasText: 'FAKE-REPLY-1' }).waitFor({ timeout: 20_000 });
      const shown = await activeEditor(page).locator('.view-lines').innerText();
      assert.ok(!shown.includes(reply(1)), 'only the first piece has arrived');
      release();
      await page.locator('.tab.active', { hasText: /summarize-openai-gpt-e2e\.md/ }).waitFor({ timeout: 60_000 });
      assert.equal(await page.locator('.tab', { hasText: 'live' }).count(), 0, 'the live document is closed');
    });

    await session.step('probe-read-transcript', async () => {
      assert.equal(posts(fake).length, 3, 'summarize has three turns');
      assert.ok(posts(fake)[0].headers.authorization === `Bearer ${KEY}`, 'the key from SecretStorage reached the provider');
      const sample = readFileSync(join(workspace, 'sample.txt'), 'utf8').trim();
      const firstUser = (posts(fake)[0].body as { messages: Array<{ role: string; content: string }> }).messages[1];
      assert.ok(firstUser.content.includes(sample), 'the selection is in the prompt');

      // The saved transcript opens as the rendered preview: its heading names the model, the last reply is in it.
      const preview = webviewPage(page);
      await preview.locator('h1', { hasText: 'Summarise, then follow up — OpenAI' }).waitFor({ timeout: 20_000 });
      await preview.locator('body', { hasText: reply(3) }).waitFor({ timeout: 10_000 });

      const folder = join(workspace, '.samsara', 'probes');
      const jsonName = await waitFor(() => readdirSync(folder).find((n) => n.endsWith('.json')), { message: 'saved transcript' });
      const transcript = transcriptSchema.parse(JSON.parse(readFileSync(join(folder, jsonName), 'utf8')));
      assert.equal(transcript.modelRequested, MODEL);
      assert.equal(transcript.run.outcome, 'completed');
      assert.deepEqual(
        transcript.turns.map((t) => [t.response, t.streamed, t.finish]),
        [1, 2, 3].map((n) => [reply(n), true, 'stop']),
      );
      assert.equal(transcript.turns[0].systemFingerprint, 'fp_fake0001');
      assert.ok(readFileSync(join(folder, jsonName.replace(/\.json$/, '.md')), 'utf8').includes(reply(1)));
    });
  });

  it('cancelling mid-stream keeps the partial answer, marked cancelled, in a saved transcript', async () => {
    const { page, workspace } = session;
    await session.step('cancel-run', async () => {
      await openFile(page, 'sample.txt');
      await probeSelection(page);
      await activeEditor(page).locator('.view-lines', { hasText: 'HALF-AN-ANSWER' }).waitFor({ timeout: 60_000 });
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'probing OpenAI gpt-e2e' });
      await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await page.locator('.notifications-toasts', { hasText: 'cancelled; what had arrived is saved' }).waitFor({ timeout: 30_000 });
    });
    await session.step('cancel-read-transcript', async () => {
      await page.locator('.tab.active', { hasText: /^\[Preview\] / }).waitFor({ timeout: 20_000 });
      await webviewPage(page).locator('body', { hasText: 'HALF-AN-ANSWER' }).waitFor({ timeout: 20_000 });
      await waitFor(() => posts(fake)[3]?.abandoned, { message: 'the provider sees the stream closed' });
      const folder = join(workspace, '.samsara', 'probes');
      const cancelled = readdirSync(folder)
        .filter((n) => n.endsWith('.json'))
        .map((n) => transcriptSchema.parse(JSON.parse(readFileSync(join(folder, n), 'utf8'))))
        .find((t) => t.run.outcome === 'cancelled');
      assert.ok(cancelled, 'a cancelled transcript is saved');
      assert.deepEqual([cancelled.turns[0].response, cancelled.turns[0].finish], ['HALF-AN-ANSWER ', 'cancelled']);
    });
  });

  it('with the trace verbose, the log shows the traffic but no key, nor any 8-character slice of one', async () => {
    await session.step('trace-scan', async () => {
      const userData = session.server.userDataDir;
      assert.notDeepEqual(filesContaining(userData, ["'workspace/executeCommand"]), [], 'the verbose trace of the probe is in the log');
      assert.deepEqual(filesContaining(userData, slices(KEY)), [], 'a slice of the key is under the user-data dir');
      assert.deepEqual(filesContaining(session.workspace, slices(KEY)), [], 'a slice of the key is in a workspace file');
    });
  });
});
