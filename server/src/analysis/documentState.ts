// What the analyzer keeps per open document: its debounce, its runs, its latest model and the
// views waiting for the next one.
import { sentenceWindows } from './sentenceWindows';
import type { DocumentRun } from './documentRun';
import type { EntityModel } from '../entities/entityModel';
import type { SamsaraSettings } from '../settings/settings';
import type { ProseBlock } from '../text/proseBlock';
import { extractProse, type Extraction } from '../text/proseExtractor';

export interface EarlyScreen {
  run: DocumentRun;
  /** Where the early read stopped (a paragraph boundary). */
  end: number;
}

export interface DocState {
  timer: NodeJS.Timeout | undefined;
  /** Bumped by every schedule: a debounce that resolves late does not arm an older timer. */
  ticket: number;
  /** Bumped by every run: only the latest run may publish (or clear) for the document. */
  run: number;
  /** The version the latest run was started for, and that run once its settings are read. */
  requested: number | undefined;
  starting: Promise<{ run: DocumentRun; settings: SamsaraSettings } | undefined> | undefined;
  /** The first screen of a long document, read and sent before the rest (see priorities.ts). */
  early: Promise<EarlyScreen | undefined> | undefined;
  current: DocumentRun | undefined;
  /** The prose of the latest run's text: the next run after an edit starts from it. */
  extraction: Extraction | undefined;
  /** The latest model (of the current version, or of an older one while a run is under way). */
  model: EntityModel | undefined;
  /** A version found not to be analysed (disabled, another language, too large). */
  skipped: number | undefined;
  /** A version whose run failed (no sidecar): views get nothing until a retry succeeds. */
  failedVersion: number | undefined;
  tooLargeNotified: boolean;
  /** Whether views of this document show something (published and not cleared since). */
  shown: boolean;
  /** Views waiting for the model of the current version. */
  waiters: Set<(model: EntityModel | undefined) => void>;
}

/** A document's text as it goes to the sidecar: its prose, long blocks in sentence windows. */
export function blocksOf(text: string, languageId: string): ProseBlock[] {
  return proseOf(text, languageId).blocks;
}

/**
 * As blocksOf, with the extraction it came from, made from the one before an edit if given, and
 * the index of the first block (window) the edit may have changed (the extraction's firstNew).
 */
export function proseOf(
  text: string,
  languageId: string,
  previous?: Extraction,
): { extraction: Extraction; blocks: ProseBlock[]; firstNew: number } {
  const extraction = extractProse(text, languageId, previous);
  const blocks: ProseBlock[] = [];
  const addWindows = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const windows = sentenceWindows(extraction.blocks[i]);
      if (windows.length === 1) blocks.push(windows[0]);
      else blocks.push(...windows);
    }
  };
  const reused = Math.min(extraction.firstNew, extraction.blocks.length);
  addWindows(0, reused);
  const firstNew = blocks.length;
  addWindows(reused, extraction.blocks.length);
  return { extraction, blocks, firstNew };
}

export function newDocState(): DocState {
  return {
    timer: undefined,
    ticket: 0,
    run: 0,
    requested: undefined,
    starting: undefined,
    early: undefined,
    current: undefined,
    extraction: undefined,
    model: undefined,
    skipped: undefined,
    failedVersion: undefined,
    tooLargeNotified: false,
    shown: false,
    waiters: new Set(),
  };
}
