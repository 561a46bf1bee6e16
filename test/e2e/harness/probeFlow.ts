// Steps of the probe flow as a writer meets them: a passage selected by lines, a quick pick row
// ticked or its button read, the quick input's title and message, an editor context menu opened
// on a word of the selection (a right-click outside the selection would move the cursor and drop
// it), a notification and its buttons, the editor groups closed between flows.
import type { Locator, Page } from 'playwright-core';
import { waitFor } from '../../helpers/waitFor';
import { activeEditor, hoverText, openFile, runCommand } from './workbench';

const ROW = '.quick-input-list .monaco-list-row';

/** Opens `file` and selects its lines `start` to `end` (from 1, whole lines), with the keyboard. */
export async function selectLines(page: Page, file: string, start: number, end: number): Promise<void> {
  await openFile(page, file);
  await activeEditor(page).locator('.view-lines').click();
  await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Control+Home');
  for (let line = 1; line < start; line++) await page.keyboard.press('ArrowDown');
  for (let line = start; line < end; line++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
}

/** The row of the open quick pick whose label is `label`. */
export function quickPickRow(page: Page, label: string): Locator {
  return page.locator(ROW, { has: page.locator('.quick-input-list-label', { hasText: label }) }).first();
}

/** Ticks `label` in the open many-select quick pick (clicking its label toggles the box). */
export async function tick(page: Page, label: string): Promise<void> {
  const row = quickPickRow(page, label);
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  if ((await row.locator('.monaco-custom-toggle.checked').count()) > 0) return;
  await row.locator('.quick-input-list-label').click();
  await row.locator('.monaco-custom-toggle.checked').waitFor({ timeout: 5000 });
}

/** The labels of the ticked rows of the open quick pick. */
export async function tickedRows(page: Page): Promise<string[]> {
  // The first label of each row: a reused row keeps the hidden detail of the list it showed before.
  const rows = page.locator(ROW, { has: page.locator('.monaco-custom-toggle.checked') });
  return rows.evaluateAll((found) => found.map((row) => (row.querySelector('.label-name')?.textContent ?? '').trim()));
}

/** The tooltips of a quick pick row's buttons (e.g. the key button of a provider without a key). */
export async function rowButtons(row: Locator): Promise<string[]> {
  return row
    .locator('.quick-input-list-entry-action-bar .action-label')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') ?? b.getAttribute('title') ?? ''));
}

/** The open quick input's title, once it matches `expected`. */
export async function quickInputTitle(page: Page, expected: RegExp, timeoutMs = 15_000): Promise<string> {
  const title = page.locator('.quick-input-widget .quick-input-title');
  return waitFor(
    async () => {
      const text = (await title.innerText()).replace(/\s+/g, ' ').trim();
      return expected.test(text) ? text : undefined;
    },
    { timeoutMs, message: `quick input title matching ${expected}` },
  );
}

/** The message under the open input box (its prompt, or a validation message). */
export async function quickInputMessage(page: Page): Promise<string> {
  return (await page.locator('.quick-input-widget .quick-input-message').innerText()).replace(/\s+/g, ' ').trim();
}

/** Right-clicks `text` in the active editor (inside the selection, so it stays) and returns the menu's labels; the menu stays open. */
export async function contextMenuOn(page: Page, text: string): Promise<{ menu: Locator; labels: string[] }> {
  await hoverText(page, text);
  await page.mouse.down({ button: 'right' });
  await page.mouse.up({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu').first();
  await menu.waitFor({ timeout: 10_000 });
  const labels = (await menu.locator('.action-label').allInnerTexts()).map((l) => l.trim()).filter(Boolean);
  return { menu, labels };
}

/** The toast holding `text`, once shown. */
export async function toast(page: Page, text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
  const found = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await found.waitFor({ timeout: timeoutMs });
  return found;
}

/** The labels of a notification's buttons. */
export async function toastButtons(notification: Locator): Promise<string[]> {
  return (await notification.locator('.monaco-button').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

/** A fresh start between flows: no notifications, no editors, one group. */
export async function clearWorkbench(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  await runCommand(page, 'View: Close All Editor Groups');
  await page.locator('.editor-group-container').first().waitFor({ timeout: 10_000 });
}
