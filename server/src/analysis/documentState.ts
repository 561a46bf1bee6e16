// What the analyzer keeps per open document: its debounce, its runs, its latest model and the
// views waiting for the next one.
import { analysisUnits, type AnalysisUnit } from './analysisUnits';
import { sentenceWindowRanges } from './sentenceWindows';
import { sourceOffset } from '../text/proseBlock';
import type { DocumentRun } from './documentRun';
import type { EntityModel } from '../entities/entityModel';
import type { SamsaraSettings } from '../settings/settings';
import { extractProse, proseSyntaxOf, type Extraction } from '../text/proseExtractor';

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

/** A document's text as it goes to the sidecar: units of its prose with their context (analysisUnits.ts). */
export function blocksOf(text: string, languageId: string): AnalysisUnit[] {
  return proseOf(text, languageId).blocks;
}

/**
 * As blocksOf, with the extraction it came from, made from the one before an edit if given, and
 * the index of the first unit the edit may have changed (from the extraction's firstNew; in plain
 * text, where context crosses blocks, the units before it whose context reaches it too).
 */
export function proseOf(
  text: string,
  languageId: string,
  previous?: Extraction,
): { extraction: Extraction; blocks: AnalysisUnit[]; firstNew: number } {
  const extraction = extractProse(text, languageId, previous);
  const joined = proseSyntaxOf(languageId) === 'plain';
  const reused = Math.min(extraction.firstNew, extraction.blocks.length);
  const blocks = analysisUnits(extraction.blocks, text, joined);
  let before = 0;
  for (let i = 0; i < reused; i++) before += sentenceWindowRanges(extraction.blocks[i]).length / 2;
  // In plain text the units before it whose context reaches into the first new block changed too.
  let firstNew = before;
  const from = reused < extraction.blocks.length ? extraction.blocks[reused].start : text.length;
  while (joined && firstNew > 0 && unitEnd(blocks[firstNew - 1]) > from) firstNew -= 1;
  return { extraction, blocks, firstNew };
}

/** The document offset just after a unit's last character (its context included). */
function unitEnd(unit: AnalysisUnit): number {
  return unit.text.length === 0 ? unit.start : unit.start + sourceOffset(unit.runs, unit.text.length - 1) + 1;
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
