// Reads what the editor draws: the computed colour of text in the active editor's visible lines.
// Entity highlighting is semantic-token colour, so "Ada Lovelace is highlighted" means: the
// spans Monaco renders for those characters have a colour other than the editor's default text
// colour (Monaco's token class mtk1). Every read waits for its condition with a deadline.
import type { Page } from 'playwright-core';
import { waitFor } from '../../helpers/waitFor';
import { activeEditor } from './workbench';

export interface DrawnText {
  /** Computed CSS colours of the spans covering the text (one when it is drawn uniformly). */
  colours: string[];
  /** The editor's default text colour, for comparison. */
  plain: string;
}

export interface ColouredSpan {
  text: string;
  colour: string;
}

// Runs in the page (the tests' tsconfig has no DOM types, so it is source text, as in
// workbench.ts). Monaco renders a line as token spans and spaces as no-break spaces.
const PAGE_HELPERS = `
  const plainColour = (root) => {
    const plain = root.querySelector('.view-lines span.mtk1');
    return plain ? getComputedStyle(plain).color : getComputedStyle(root.querySelector('.view-lines') || root).color;
  };
  const tokenSpans = (line) => Array.from(line.querySelectorAll('span[class^="mtk"], span[class*=" mtk"]'));
  const text = (span) => (span.textContent || '').replace(/\\u00a0/g, ' ');
`;

const drawnTexts = new Function(
  'root',
  'needles',
  `${PAGE_HELPERS}
  const plain = plainColour(root);
  const found = {};
  for (const line of root.querySelectorAll('.view-lines .view-line')) {
    const spans = tokenSpans(line);
    const whole = spans.map(text).join('');
    for (const needle of needles) {
      if (found[needle]) continue;
      const index = whole.indexOf(needle);
      if (index < 0) continue;
      const colours = new Set();
      let offset = 0;
      for (const span of spans) {
        const length = text(span).length;
        const overlaps = offset < index + needle.length && offset + length > index;
        if (overlaps && text(span).trim() !== '') colours.add(getComputedStyle(span).color);
        offset += length;
      }
      found[needle] = { colours: Array.from(colours), plain };
    }
  }
  return found;`,
) as (root: unknown, needles: string[]) => Record<string, DrawnText>;

const colouredSpans = new Function(
  'root',
  `${PAGE_HELPERS}
  const plain = plainColour(root);
  const out = [];
  for (const line of root.querySelectorAll('.view-lines .view-line')) {
    for (const span of tokenSpans(line)) {
      const colour = getComputedStyle(span).color;
      if (colour !== plain && text(span).trim() !== '') out.push({ text: text(span), colour });
    }
  }
  return out;`,
) as (root: unknown) => ColouredSpan[];

/** How each of `needles` is drawn in the visible lines of the active editor (absent: not on screen). */
export async function readDrawnTexts(page: Page, needles: readonly string[]): Promise<Record<string, DrawnText>> {
  return activeEditor(page).evaluate(drawnTexts, [...needles]);
}

/** Spans of the visible lines drawn in a colour other than the default text colour. */
export async function readColouredSpans(page: Page): Promise<ColouredSpan[]> {
  return activeEditor(page).evaluate(colouredSpans);
}

/** The single colour `drawn` uses when it is highlighted (one colour, not the plain one). */
export function highlightColour(drawn: DrawnText | undefined): string | undefined {
  if (!drawn || drawn.colours.length !== 1) return undefined;
  const [colour] = drawn.colours;
  return colour !== drawn.plain ? colour : undefined;
}

/**
 * Waits until every needle is on screen and highlighted (drawn in one colour that is not the
 * default text colour); returns the colour of each.
 */
export async function waitForHighlighted(
  page: Page,
  needles: readonly string[],
  options: { timeoutMs?: number; what?: string } = {},
): Promise<Record<string, string>> {
  return waitFor(
    async () => {
      const drawn = await readDrawnTexts(page, needles);
      const colours: Record<string, string> = {};
      for (const needle of needles) {
        const colour = highlightColour(drawn[needle]);
        if (colour === undefined) return undefined;
        colours[needle] = colour;
      }
      return colours;
    },
    { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 100, message: options.what ?? `highlighted ${needles.join(', ')}` },
  );
}

/** Waits until every needle is on screen in the default text colour only (not highlighted). */
export async function waitForPlain(
  page: Page,
  needles: readonly string[],
  options: { timeoutMs?: number; what?: string } = {},
): Promise<void> {
  await waitFor(
    async () => {
      const drawn = await readDrawnTexts(page, needles);
      return needles.every((needle) => {
        const seen = drawn[needle];
        return seen !== undefined && seen.colours.every((colour) => colour === seen.plain);
      });
    },
    { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 100, message: options.what ?? `${needles.join(', ')} drawn without highlight` },
  );
}

/** Waits until the visible lines hold at least `min` coloured spans; returns them. */
export async function waitForColouredSpans(
  page: Page,
  min: number,
  options: { timeoutMs?: number; what?: string } = {},
): Promise<ColouredSpan[]> {
  return waitFor(
    async () => {
      const spans = await readColouredSpans(page);
      return spans.length >= min ? spans : undefined;
    },
    { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 100, message: options.what ?? `${min} coloured spans on screen` },
  );
}
