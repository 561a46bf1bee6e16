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

/** What a reader trips on in a narrow compare view: words and numbers broken across lines, cut tables. */
export interface CompareLayout {
  /** Words of the replies and entity chips drawn on two lines ("complete d"). */
  brokenWords: string[];
  /** Figures (tokens, latency, cost) drawn on more than one line. */
  wrappedNumbers: string[];
  /** Tables wider than their box whose box does not scroll sideways (cut columns). */
  cutTables: number;
}

// Runs in the page: every word's rectangles on one line, every figure's cell on one line, every
// table either fits its box or sits in a box that scrolls sideways.
export const readCompareLayout = new Function(
  'body',
  `const lines = (range) => new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  const brokenWords = [];
  for (const el of body.querySelectorAll('.reply, .entity')) {
    const walker = body.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = body.ownerDocument.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (lines(range) > 1) brokenWords.push(match[0]);
      }
    }
  }
  const wrappedNumbers = [];
  for (const el of body.querySelectorAll('td.num')) {
    const range = body.ownerDocument.createRange();
    range.selectNodeContents(el);
    if (lines(range) > 1) wrappedNumbers.push(el.innerText);
  }
  let cutTables = 0;
  for (const table of body.querySelectorAll('table')) {
    const box = table.parentElement;
    const scrolls = getComputedStyle(box).overflowX === 'auto' || getComputedStyle(box).overflowX === 'scroll';
    if (table.getBoundingClientRect().width > box.clientWidth + 1 && !scrolls) cutTables++;
  }
  return { brokenWords, wrappedNumbers, cutTables };`,
) as (body: unknown) => CompareLayout;
