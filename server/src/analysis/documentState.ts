// What the analyzer keeps per open document: its debounce, its runs, its latest model and the
// views waiting for the next one.
import type { AnalysisUnit } from './analysisUnits';
import { unitLayout, type UnitLayout } from './unitLayout';
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
  /** The prose of the latest run's text and its units: the next run after an edit starts from them. */
  prose: Prose | undefined;
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
export function blocksOf(text: string, languageId: string): readonly AnalysisUnit[] {
  return proseOf(text, languageId).blocks;
}

/** A document's prose: its extraction, and its units (`blocks`) with how they were made. */
export interface Prose {
  extraction: Extraction;
  layout: UnitLayout;
  blocks: readonly AnalysisUnit[];
}

/**
 * As blocksOf, made from the prose before an edit if given: with the units whose text the edit
 * changed (`changed`, in order; their core, or only their context when it was within reach of
 * the edit), the first of them (`firstNew`), and how long the extraction took.
 */
export function proseOf(
  text: string,
  languageId: string,
  previous?: Prose,
): Prose & { changed: number[]; firstNew: number; extractMs: number } {
  const started = performance.now();
  const extraction = extractProse(text, languageId, previous?.extraction);
  const extractMs = performance.now() - started;
  const layout = unitLayout(extraction.blocks, text, proseSyntaxOf(languageId) === 'plain', previous?.layout);
  const changed: number[] = [];
  // A unit of an edited block may still be one of before (the edit was far from it).
  let before: Set<string> | undefined;
  if (previous)
    layout.units.forEach((unit, i) => {
      const o = layout.origin[i];
      if (o >= 0 ? previous.layout.units[o].text === unit.text : (before ??= new Set(previous.blocks.map((u) => u.text))).has(unit.text))
        return;
      changed.push(i);
    });
  return { extraction, layout, blocks: layout.units, changed, firstNew: previous ? (changed[0] ?? layout.units.length) : 0, extractMs };
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
    prose: undefined,
    model: undefined,
    skipped: undefined,
    failedVersion: undefined,
    tooLargeNotified: false,
    shown: false,
    waiters: new Set(),
  };
}
