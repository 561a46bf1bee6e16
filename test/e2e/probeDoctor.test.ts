// "Samsara: Doctor" in the real VS Code (code-server + Chromium): the report opens as a read-only
// Markdown document (the sidecar pool the server runs, each provider checked with the key the
// editor holds against a local fake, Ollama, the transcript folder, trust), with "Set API Key…"
// links where a key is missing and a notification whose action asks for that provider's key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProviders/fakeProvider';
import { setApiKey, waitForQuickInputTitle } from './harness/quickInput';
import { startSession, type Session } from './harness/session';
import { activeEditor, openFile, runCommand, waitForSidecarState } from './harness/workbench';

const KEY = 'sk-e2e-DOCTOR-7d6c5b4a3f2e';

describe('the doctor in the real VS Code', { timeout: 600_000 }, () => {
  let openai: FakeProvider;
  let session: Session;

  before(async () => {
    openai = await startFakeProvider('openai');
    session = await startSession({ userSettings: { 'samsara.probes.baseUrls': { openai: openai.baseUrl } } });
  });

  after(async () => {
    await session?.stop();
    await openai?.close();
  });

  it('opens one report with the sidecar, the providers and "Set API Key…" where a key is missing', async () => {
    const { page } = session;
    await session.step('doctor-prepare', async () => {
      await openFile(page, 'sample.txt');
      await waitForSidecarState(page, /ready/i);
      await setApiKey(page, 'openai', 'OpenAI', KEY);
    });
    await session.step('doctor-run', async () => {
      await runCommand(page, 'Samsara: Doctor');
      await page.locator('.tab.active', { hasText: 'Samsara Doctor.md' }).waitFor({ timeout: 60_000 });
      const editor = activeEditor(page);
      await editor.locator('.view-lines', { hasText: '# Samsara Doctor' }).waitFor({ timeout: 20_000 });
      const text = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
      assert.match(text, /\*\*OK\*\*/, 'the sidecar is running');
      assert.match(text, /en_core_web_sm/);
      assert.match(text, /yes \(secret storage\)/);
      assert.match(text, /OK, 2 models/, 'the OpenAI fake answered its models endpoint with the stored key');
      assert.ok(!text.includes(KEY));
      // The actions close the report: scroll to its end.
      await editor.locator('.view-lines').click();
      await page.keyboard.press('Control+End');
      await editor.locator('.view-lines', { hasText: 'Set API Key…](command:samsara.setApiKey' }).waitFor({ timeout: 10_000 });
      assert.ok(
        openai.requests.some((r) => r.method === 'GET' && r.headers.authorization === `Bearer ${KEY}`),
        'the stored key was checked against the provider',
      );
    });
    await session.step('doctor-set-key-action', async () => {
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'Samsara Doctor: no API key for Anthropic' });
      await toast.waitFor({ timeout: 20_000 });
      await toast.locator('.monaco-button', { hasText: 'Set API Key…' }).click();
      await waitForQuickInputTitle(page, 'API key for Anthropic');
      await page.keyboard.press('Escape');
    });
  });
});
