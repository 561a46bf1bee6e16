// What goes to the sidecar first, block by block, when a run starts. An open (or a refresh): the
// first screen, the rest in the background. An edit: the text the cache has never seen (the
// paragraph just typed in), up to a budget; blocks already queued keep their place. A range
// request raises what it covers later (DocumentRun.entitiesIn).
import type { ProseBlock } from '../text/proseBlock';
import type { Priority } from './scheduler';

/** Lines of a document opened that count as its first screen (analysed ahead of the rest). */
export const FIRST_SCREEN_LINES = 60;
/** New text of one edit analysed as interactive; a bigger paste goes on in the background. */
export const EDIT_INTERACTIVE_CHARS = 32_000;
/**
 * Documents this long have their first screen read and sent before the rest is even extracted
 * (extracting 1.5 MB of prose takes 150 ms and more, which a visible screen should not wait for).
 */
export const EARLY_SCREEN_MIN_CHARS = 100_000;
/** How far past the first screen its paragraph may go before the early read gives up. */
const EARLY_SCREEN_MAX_CHARS = 32_000;

export type PriorityPolicy = (block: ProseBlock, queued: boolean) => { priority: Priority; raise: boolean };

export function openPolicy(firstScreenEnd: number): PriorityPolicy {
  return (block) => (block.start < firstScreenEnd ? { priority: 'interactive', raise: true } : { priority: 'background', raise: true });
}

export function editPolicy(budget = EDIT_INTERACTIVE_CHARS): PriorityPolicy {
  return (block, queued) => {
    if (budget <= 0 || queued) return { priority: 'background', raise: false };
    budget -= block.text.length;
    return { priority: 'interactive', raise: true };
  };
}

export const allInteractive: PriorityPolicy = () => ({ priority: 'interactive', raise: true });

/**
 * Where the early read of a long document stops: the first blank line at or after `screenEnd`
 * (so the prefix ends between paragraphs, as the whole document's extraction cuts it), or
 * undefined when the document is short or no paragraph ends soon after the screen.
 */
export function earlyScreenCut(text: string, screenEnd: number): number | undefined {
  if (text.length < EARLY_SCREEN_MIN_CHARS) return undefined;
  const blank = /\n[ \t]*\r?\n/g;
  blank.lastIndex = Math.max(0, screenEnd - 1);
  const match = blank.exec(text);
  if (!match || match.index > screenEnd + EARLY_SCREEN_MAX_CHARS) return undefined;
  return match.index + match[0].length;
}
