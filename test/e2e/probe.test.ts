// End to end in the real VS Code (code-server + Chromium): set an API key from the palette, point
// the OpenAI provider at a local fake through user settings, probe a selection, and read the
// transcript: the Markdown opens with the fake model's replies, the JSON is saved, and the key
// reached the provider but appears in neither file nor in the settings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { transcriptSchema } from '../../shared/probes/transcript';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProviders/fakeProvider';
import { waitFor } from '../helpers/waitFor';
import { pick, runPaletteCommand, setApiKey, waitForQuickInputTitle } from './harness/quickInput';
import { startSession, type Session } from './harness/session';
import { activeEditor, openFile } from './harness/workbench';

const KEY = 'sk-e2e-DISTINCTIVE-5a4b3c2d1e';
const MODEL = 'openai:gpt-e2e';

describe('probes in the real VS Code', () => {
  let fake: FakeProvider;
  let session: Session;

  before(async () => {
    fake = await startFakeProvider('openai', { respond: (r) => ({ kind: 'reply', text: `FAKE-REPLY-${r.n} from the e2e model.` }) });
    session = await startSession({
      userSettings: { 'samsara.probes.baseUrls': { openai: fake.baseUrl }, 'samsara.probes.models': [MODEL, 'ollama:llama3.1'] },
    });
  });

  after(async () => {
    await session?.stop();
    await fake?.close();
  });

  it('sets a key, probes the selection and opens the transcript', async () => {
    const { page, workspace } = session;
    await session.step('probe-open-sample', () => openFile(page, 'sample.txt'));
    await session.step('probe-set-api-key', () => setApiKey(page, 'openai', 'OpenAI', KEY));

    await session.step('probe-select-text', async () => {
      const editor = activeEditor(page);
      await editor.locator('.view-lines').click();
      await page.keyboard.press('Control+A');
    });

    await session.step('probe-run', async () => {
      await runPaletteCommand(page, 'Samsara: Probe Selection…', 'Probe scenario');
      await pick(page, 'summarize', 'Summarise, then follow up');
      await waitForQuickInputTitle(page, 'Samsara: Model');
      await pick(page, MODEL, MODEL);
      await page.locator('.tab.active', { hasText: /summarize-openai-gpt-e2e\.md/ }).waitFor({ timeout: 60_000 });
    });

    await session.step('probe-read-transcript', async () => {
      assert.equal(fake.requests.length, 3, 'summarize has three turns');
      assert.equal(fake.requests[0].headers.authorization, `Bearer ${KEY}`, 'the key from SecretStorage reached the provider');
      const sample = readFileSync(join(workspace, 'sample.txt'), 'utf8').trim();
      const firstUser = (fake.requests[0].body as { messages: Array<{ role: string; content: string }> }).messages[1];
      assert.ok(firstUser.content.includes(sample), 'the selection is in the prompt');

      const editor = activeEditor(page);
      await editor.locator('.view-lines', { hasText: 'openai:gpt-e2e' }).waitFor({ timeout: 10_000 });
      await editor.locator('.view-lines').click();
      await page.keyboard.press('Control+End');
      await editor.locator('.view-lines', { hasText: 'FAKE-REPLY-3 from the e2e model.' }).waitFor({ timeout: 10_000 });

      const folder = join(workspace, '.samsara', 'probes');
      const files = await waitFor(
        () => {
          const names = readdirSync(folder);
          return names.some((n) => n.endsWith('.json')) && names.some((n) => n.endsWith('.md')) ? names : undefined;
        },
        { message: 'saved transcript files' },
      );
      const jsonName = files.find((n) => n.endsWith('.json'))!;
      const transcript = transcriptSchema.parse(JSON.parse(readFileSync(join(folder, jsonName), 'utf8')));
      assert.equal(transcript.modelRequested, MODEL);
      assert.equal(transcript.run.outcome, 'completed');
      assert.deepEqual(
        transcript.turns.map((t) => t.response),
        [1, 2, 3].map((n) => `FAKE-REPLY-${n} from the e2e model.`),
      );
      assert.equal(transcript.turns[0].systemFingerprint, 'fp_fake0001');
      const markdown = readFileSync(join(folder, files.find((n) => n.endsWith('.md'))!), 'utf8');
      assert.ok(markdown.includes('FAKE-REPLY-1 from the e2e model.'));
      const settings = readFileSync(join(session.server.userDataDir, 'User', 'settings.json'), 'utf8');
      for (const text of [JSON.stringify(transcript), markdown, settings]) assert.ok(!text.includes(KEY), 'the key leaked');
    });
  });
});
