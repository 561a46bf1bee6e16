// Headless Debian Chromium driven by playwright-core (never `playwright install`: no CDN here).
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitFor } from '../../helpers/waitFor';

export const CHROMIUM = process.env.SAMSARA_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens the workbench at `url` and waits until it is interactive. */
export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The status bar appears once the workbench has restored its parts.
  await page.locator('#workbench\\.parts\\.statusbar').waitFor({ timeout: 60_000 });
  await waitFor(async () => (await page.locator('.monaco-workbench .part.editor').count()) > 0, {
    timeoutMs: 30_000,
    message: 'the editor part',
  });
  return page;
}
