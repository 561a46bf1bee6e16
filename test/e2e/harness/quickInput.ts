// Palette commands that open their own quick picks and input boxes, driven as a user would:
// run the command, wait for the next quick input by its title, type to filter, accept or check.
import type { Page } from 'playwright-core';
import { waitFor } from '../../helpers/waitFor';

const INPUT = '.quick-input-widget .quick-input-box input';
const ROW = '.quick-input-list .monaco-list-row';

/**
 * Opens the workbench's quick input (F1: commands, Control+P: files) and types `text` into it. A
 * focused webview or an editor being restored can swallow the key, so the title bar's command
 * center, which opens the same box, is clicked when the key did not show it; the whole is tried
 * again until the box shows the text.
 */
export async function showQuickInput(page: Page, key: 'F1' | 'Control+P', text: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = page.locator(INPUT);
  const shown = (timeout: number): Promise<boolean> =>
    input.waitFor({ state: 'visible', timeout }).then(
      () => true,
      () => false,
    );
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden', timeout: 5000 });
  }
  await waitFor(
    async () => {
      if (!(await input.isVisible())) {
        await page.keyboard.press(key);
        if (!(await shown(2000))) {
          await page
            .locator('.command-center .command-center-center')
            .click({ timeout: 2000 })
            .catch(() => undefined);
          if (!(await shown(2000))) return undefined;
        }
      }
      // The box can close between the check and the typing (a webview taking the focus): a short
      // fill that fails is one more try, not a wait that outlasts the whole deadline.
      const typed = await input.fill(text, { timeout: 2000 }).then(
        () => true,
        () => false,
      );
      if (!typed) return undefined;
      return (await input.inputValue().catch(() => undefined)) === text || undefined;
    },
    { timeoutMs: 30_000, message: `the quick input showing "${text}"` },
  );
}

/**
 * Runs a palette command that opens its own quick input: unlike runCommand, does not wait for
 * the quick input to close (the command's picker reuses it), but for the command's title.
 */
export async function runPaletteCommand(page: Page, title: string, nextTitle: string): Promise<void> {
  const row = page.locator(ROW, { hasText: title }).first();
  // The extension's commands appear once its manifest is registered: reopen the palette until then.
  await waitFor(
    async () => {
      await showQuickInput(page, 'F1', `>${title}`);
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

/**
 * Answers VS Code's own folder dialog (code-server has no native one; the dialog is a quick input
 * holding a path): the folder's path, then, once the dialog has read that folder, its OK button.
 */
export async function chooseFolder(page: Page, folder: string): Promise<void> {
  const input = page.locator(INPUT);
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(folder.endsWith('/') ? folder : `${folder}/`);
  // Listing the folder's sub-folders ("..", then its own) means the dialog has moved into it.
  await page.locator(ROW).nth(1).waitFor({ state: 'visible', timeout: 15_000 });
  await page
    .locator('.quick-input-widget .monaco-button', { hasText: /^Install$/ })
    .first()
    .click();
}
