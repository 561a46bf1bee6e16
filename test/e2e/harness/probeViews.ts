// The probe views of the workbench, as a test reaches them: the compare view (a webview) and the
// Probe History pane of the Explorer.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { runCommand } from './workbench';

/**
 * The page of the compare view: a webview, which VS Code draws in an iframe laid over the editor
 * (outside the editor group's DOM), holding the page in an inner active frame.
 */
export function compareView(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('iframe#active-frame');
}

// Runs in the page (the tests' tsconfig has no DOM types): the body's background and the theme's.
export const readColours = new Function(
  'body',
  `const style = getComputedStyle(body);
  return { background: style.backgroundColor, editor: style.getPropertyValue('--vscode-editor-background').trim() };`,
) as (body: unknown) => { background: string; editor: string };

/** The Probe History pane of the Explorer, shown and expanded. */
export async function historyPane(page: Page): Promise<Locator> {
  await runCommand(page, 'View: Show Explorer');
  const header = page.locator('.pane-header', { hasText: 'Probe History' });
  await header.waitFor({ timeout: 20_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  return page.locator('.pane', { has: header });
}
