// Palette commands that open their own quick picks and input boxes, driven as a user would:
// run the command, wait for the next quick input by its title, type to filter, accept or check.
import type { Page } from 'playwright-core';
import { waitFor } from '../../helpers/waitFor';

const INPUT = '.quick-input-widget .quick-input-box input';
const ROW = '.quick-input-list .monaco-list-row';

/**
 * Runs a palette command that opens its own quick input: unlike runCommand, does not wait for
 * the quick input to close (the command's picker reuses it), but for the command's title.
 */
export async function runPaletteCommand(page: Page, title: string, nextTitle: string): Promise<void> {
  const input = page.locator(INPUT);
  const row = page.locator(ROW, { hasText: title }).first();
  // The extension's commands appear once its manifest is registered: reopen the palette until then.
  await waitFor(
    async () => {
      if (await page.locator('.quick-input-widget').isVisible()) await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`);
      return row.waitFor({ state: 'visible', timeout: 2000 }).then(
        () => true,
        () => false,
      );
    },
    { timeoutMs: 60_000, message: `palette entry "${title}"` },
  );
  await row.click();
  await waitForQuickInputTitle(page, nextTitle);
}

export async function waitForQuickInputTitle(page: Page, title: string): Promise<void> {
  const heading = page.locator('.quick-input-widget .quick-input-title', { hasText: title });
  await heading.waitFor({ state: 'visible', timeout: 15_000 });
}

/** Types `text` into the open quick pick and accepts the row that shows `rowText`. */
export async function pick(page: Page, text: string, rowText: string): Promise<void> {
  await page.locator(INPUT).fill(text);
  await page.locator(ROW, { hasText: rowText }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** The accessible labels of the rows the open quick pick shows. */
export async function quickPickRows(page: Page): Promise<string[]> {
  await page.locator(ROW).first().waitFor({ state: 'visible', timeout: 10_000 });
  return page.locator(ROW).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''));
}

/** "Samsara: Set API Key…" for `provider` (its id; `label` is its display name). */
export async function setApiKey(page: Page, provider: string, label: string, key: string): Promise<void> {
  await runPaletteCommand(page, 'Samsara: Set API Key…', 'Set the API key of which provider?');
  await pick(page, provider, label);
  await waitForQuickInputTitle(page, `API key for ${label}`);
  await page.locator(INPUT).fill(key);
  await page.keyboard.press('Enter');
  await page.locator('.notifications-toasts', { hasText: `API key for ${label} saved` }).waitFor({ timeout: 15_000 });
}
