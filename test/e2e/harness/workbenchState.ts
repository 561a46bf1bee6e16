// What the workbench shows, read for a failure message when a wait on it runs out: the editor
// groups and their tabs, dialogs, notifications and Quick Open's rows. A screenshot shows the
// same, but only where the run's files can be read; the message reaches every test log.
import type { Page } from 'playwright-core';

/** What the workbench shows, for a failure message: groups and their tabs (* active), dialogs, toasts. */
export async function workbenchState(page: Page): Promise<string> {
  const labels = (selector: string): Promise<string[]> =>
    page
      .locator(selector)
      .evaluateAll((found) => found.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 120)))
      .catch(() => []);
  const groups = await page
    .locator('.editor-group-container')
    .evaluateAll((found) =>
      found.map((group) => {
        const tabs = [...group.querySelectorAll('.tab')].map(
          (t) => `${t.classList.contains('active') ? '*' : ''}${t.getAttribute('aria-label') ?? ''}`,
        );
        return `${group.classList.contains('active') ? 'active ' : ''}group [${tabs.join(' | ')}]`;
      }),
    )
    .catch(() => ['groups unreadable']);
  const quickOpen = (await page.locator('.quick-input-widget').isVisible())
    ? (await labels('.quick-input-list .monaco-list-row')).join(' | ') || 'no rows'
    : 'closed';
  return [
    ...groups,
    ...(await labels('.monaco-dialog-box')).map((d) => `dialog: ${d}`),
    ...(await labels('.notifications-toasts .notification-toast')).map((n) => `notification: ${n}`),
    `quick open: ${quickOpen}`,
  ].join('; ');
}
