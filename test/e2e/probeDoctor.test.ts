// "Samsara: Doctor" in the real VS Code (code-server + Chromium): the report opens rendered
// (the sidecar pool the server runs, each provider checked with the key the
// editor holds against a local fake, Ollama, the transcript folder, trust), with "Set API Key…"
// links where a key is missing and a notification whose action asks for that provider's key.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProviders/fakeProvider';
import { setApiKey, waitForQuickInputTitle } from './harness/quickInput';
import { RESULTS_DIR, startSession, type Session } from './harness/session';
import { openFile, runCommand, waitForSidecarState } from './harness/workbench';
import { webviewPage } from './harness/writerFlows';

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
      // Rendered, not Markdown source: headings and bold are elements, the links are links.
      await page.locator('.tab.active', { hasText: 'Samsara Doctor' }).waitFor({ timeout: 60_000 });
      const report = webviewPage(page);
      await report.locator('h1', { hasText: 'Samsara Doctor' }).waitFor({ timeout: 20_000 });
      const text = (await report.locator('body').innerText()).replace(/\u00a0/g, ' ');
      assert.ok((await report.locator('strong', { hasText: 'OK' }).count()) > 0, 'the sidecar is running, in bold');
      for (const raw of ['**', '# Samsara', '](command:']) assert.ok(!text.includes(raw), `raw Markdown "${raw}" is shown`);
      assert.match(text, /en_core_web_sm/);
      assert.match(text, /yes \(secret storage\)/);
      assert.match(text, /OK, 2 models/, 'the OpenAI fake answered its models endpoint with the stored key');
      assert.ok(!text.includes(KEY));
      await report.locator('a[href^="command:samsara.setApiKey"]', { hasText: 'Set API Key…' }).first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(RESULTS_DIR, 'doctor-rendered.png') });
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
