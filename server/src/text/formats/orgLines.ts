// The Org syntax that org-mode-ast (the parser orgProse.ts walks) leaves as plain text: planning
// lines (SCHEDULED:/DEADLINE:/CLOSED:), drawers (:PROPERTIES:, :LOGBOOK:, … up to :END:), and
// inline constructs it does not know (footnote labels, priority and statistics cookies, LaTeX
// `\(…\)`, macros, targets, entities, export snippets, inline source, timestamps on those lines).
// Found here by Org's own line and object rules, as ranges of the piece no prose may come from.

/** A line that opens a drawer, and the line that closes it (Org: `:NAME:` … `:END:`). */
const DRAWER_START = /^[ \t]*:[\w-]+:[ \t]*$/;
const DRAWER_END = /^[ \t]*:END:[ \t]*$/i;
const PLANNING = /^[ \t]*(?:SCHEDULED|DEADLINE|CLOSED):/;
const BLOCK_START = /^[ \t]*#\+begin_(\S+)/i;
const BLOCK_END = /^[ \t]*#\+end_(\S+)/i;

/**
 * Objects of Org's inline syntax the parser reads as words, and links and verbatim or code it
 * misses (`[[*~name~]]`, `~:option~`, `=t=`): a link's description is group `description`.
 */
export const INLINE_SYNTAX = new RegExp(
  [
    /\[\[[^\]\n]*\](?:\[(?<description>[^\]\n]*)\])?\]/.source, // links
    /(?<=^|[\s\-({'"])(?<mark>[=~])(?=\S)[^\n]*?\S?\k<mark>(?=$|[\s\-.,;:!?')}"\\[])/.source, // verbatim, code
    /\[fn:[^\]\n]*\]/.source, // footnote references and labels
    /\[#[A-Za-z0-9]\]/.source, // priority cookies
    /\[\d*(?:%|\/\d*)\]/.source, // statistics cookies [1/3], [50%]
    /\\\(.*?\\\)|\\\[.*?\\\]/.source, // LaTeX fragments
    /\{\{\{.*?\}\}\}/.source, // macros
    /<<<?[^<>\n]*>>>?/.source, // targets and radio targets
    /[<[]\d{4}-\d\d-\d\d[^>\]\n]*[>\]](?:--[<[]\d{4}-\d\d-\d\d[^>\]\n]*[>\]])?/.source, // timestamps
    /@@[\w-]+:.*?@@/.source, // export snippets
    /(?:src|call)_[\w-]+(?:\[[^\]\n]*\])?(?:\{[^}\n]*\}|\([^)\n]*\))/.source, // inline source, calls
    /\\[A-Za-z]+(?:\{\})?/.source, // entities (\alpha, \nbsp{})
  ].join('|'),
  'g',
);

export interface OrgLines {
  /** Ranges [from, to) of the piece that hold line syntax, ascending. */
  dropped: number[];
  /** The piece ends inside a block or drawer a later line may close. */
  open: boolean;
}

/** Planning lines and drawers of `source`, and whether it ends inside a block or drawer. */
export function orgLines(source: string): OrgLines {
  const dropped: number[] = [];
  const lines = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  // A drawer without an :END: after it is a paragraph: where the last :END: line is tells.
  const lastEnd = lastDrawerEnd(source);
  let drawer = -1;
  let block: string | undefined;
  for (let match = lines.exec(source); match !== null && match[0].length > 0; match = lines.exec(source)) {
    const line = match[0].replace(/[\r\n]+$/, '');
    const from = match.index;
    const to = from + line.length;
    if (block !== undefined) {
      if (BLOCK_END.exec(line)?.[1].toLowerCase() === block) block = undefined;
      continue;
    }
    if (drawer >= 0) {
      if (DRAWER_END.test(line)) {
        dropped.push(drawer, to);
        drawer = -1;
      }
      continue;
    }
    const begin = BLOCK_START.exec(line);
    if (begin) block = begin[1].toLowerCase();
    else if (DRAWER_START.test(line) && !DRAWER_END.test(line) && lastEnd > to) drawer = from;
    else if (PLANNING.test(line)) dropped.push(from, to);
  }
  return { dropped, open: block !== undefined };
}

/** Where the last `:END:` line of `source` starts, or -1. */
function lastDrawerEnd(source: string): number {
  const ends = /^[ \t]*:END:[ \t]*$/gim;
  let last = -1;
  for (let match = ends.exec(source); match !== null; match = ends.exec(source)) last = match.index;
  return last;
}

/** A line that may close a block or drawer a piece ended inside (from the line break before it). */
export const ORG_CLOSER = /(?:\r\n|\r|\n)[ \t]*(?:#\+end_|:END:)/gi;
