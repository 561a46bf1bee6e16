// The e2e scenarios, declared once. Two suites run them: test/e2e/*.test.ts in code-server
// (driven through the DOM, what a user sees) and test/e2e/desktop/ in desktop VS Code (through
// the editor API, @vscode/test-electron in the release workflow). Both read names, files, texts
// and expectations from here, so the two cannot drift apart.

/** The sample document every editor scenario opens, and what the real model finds in it. */
export const SAMPLE = {
  file: 'sample.md',
  /** Entities the sample holds at default settings (numeric labels hidden), at least. */
  minEntities: 10,
  /** A PERSON and the word to hover it by. */
  person: 'Ada Lovelace',
  hoverWord: 'Lovelace',
  hoverLabel: 'PERSON',
  hoverExplanation: /People, including fictional/,
  /** Labels the sample's entities carry. */
  labels: ['PERSON', 'GPE', 'MONEY', 'DATE'],
  /**
   * One entity of each label the default themes must draw in five different colours; each text
   * is on screen when the sample opens.
   */
  coloured: { PERSON: 'Ada Lovelace', ORG: 'Microsoft', GPE: 'London', DATE: '5 June 1833', MONEY: '$40 million' },
  /** A diagnostic's message names the entity, then its label and spaCy's explanation. */
  diagnosticMessage: '"Ada Lovelace" — PERSON (People, including fictional)',
  /** An entity mentioned once, where the Entities view jumps (1-based, as the status bar shows). */
  jump: { label: 'PERSON', text: 'Bill Gates', line: 9, column: 29 },
  model: 'en_core_web_sm',
} as const;

/** The plain-text sample, analysed as well. */
export const SAMPLE_TXT = { file: 'sample.txt', minEntities: 5, person: 'Barack Obama' } as const;

/** Sentences typed into the sample after a restart or a kill, and the entities each adds. */
export const EDITS = {
  afterRestart: { text: 'Angela Merkel visited Berlin.', entities: 2, entity: 'Angela Merkel' },
  afterKill: { text: 'Toyota opened a factory in Kentucky.', entities: 2, entity: 'Kentucky' },
} as const;

/**
 * A long Markdown document of prose (generated into the workspace by both suites): far more
 * entities than the 1,000 markers VS Code keeps per file, so only semantic tokens can highlight
 * its end. Its last paragraph is fixed, with known entities.
 */
export const LONG = {
  file: 'long.md',
  minBytes: 300_000,
  lastParagraph:
    'At the end of the notes, Grace Hopper visited Chicago in May 1952, and IBM paid $2 million for the idea.\n' +
    'In June 1996, Linus Torvalds left Helsinki.',
  /** Entities of the last paragraph, each highlighted on the last screen. */
  lastEntities: ['Grace Hopper', 'Chicago', 'May 1952', 'IBM', '$2 million', 'Helsinki'],
} as const;

const PEOPLE = [
  'Ada Lovelace',
  'Alan Turing',
  'Grace Hopper',
  'Tim Berners-Lee',
  'Margaret Hamilton',
  'Dennis Ritchie',
  'Barbara Liskov',
  'Donald Knuth',
];
const PLACES = ['London', 'Paris', 'Berlin', 'Boston', 'Tokyo', 'Madrid', 'Chicago', 'Toronto', 'Vienna', 'Sydney'];
const ORGS = ['Microsoft', 'NASA', 'IBM', 'Google', 'Apple', 'Siemens', 'Intel', 'Oracle'];
const MONTHS = ['January', 'March', 'April', 'June', 'August', 'October', 'November', 'December'];

/** One paragraph of the long document; `i` varies names, places, dates and sums. */
function paragraph(i: number): string {
  // Different offsets into one list never pick the same item for a paragraph.
  const pick = <T>(list: readonly T[], offset: number): T => list[(i * 7 + offset + Math.floor(i / list.length)) % list.length] as T;
  const year = 1900 + (i % 120);
  return (
    `In ${pick(MONTHS, 0)} ${year}, ${pick(PEOPLE, 0)} travelled from ${pick(PLACES, 0)} to ${pick(PLACES, 1)} to meet ` +
    `${pick(PEOPLE, 1)}, who had just left ${pick(ORGS, 0)}. The two talked about machines that read text, and ` +
    `${pick(ORGS, 1)} later paid $${(i % 90) + 10} million for the notes they wrote that week. ` +
    `${pick(PEOPLE, 2)} remembered the meeting on ${(i % 27) + 1} ${pick(MONTHS, 1)} ${year + 1} as the day the work began.`
  );
}

/** Breaks `text` into lines of at most `width` characters, as prose is written in Markdown. */
function wrap(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

/** The long document's text: paragraphs under headings, then the fixed last paragraph. */
export function longDocument(): string {
  const parts = ['# Long notes', ''];
  let size = 0;
  for (let i = 0; size < LONG.minBytes; i++) {
    if (i % 20 === 0) parts.push(`## Part ${i / 20 + 1}`, '');
    const text = wrap(paragraph(i));
    parts.push(text, '');
    size += text.length + 2;
  }
  parts.push(LONG.lastParagraph, '');
  return parts.join('\n');
}

/** Scenario names, as both suites report them. */
export const SCENARIOS = {
  highlights: 'entities of the sample document are highlighted in their label colours',
  colours: 'PERSON, ORG, GPE, DATE and MONEY are drawn in five different colours',
  longDocument: 'the last screen of a 300 KB document is highlighted',
  hover: 'hovering an entity shows its label and explanation',
  quietProblems: 'at default settings the Problems panel has no Samsara row',
  problems: 'with samsara.diagnostics.severity raised to Information, the Problems panel lists the entities by name and label',
  outline: 'the Outline lists the entities grouped by label',
  entitiesView: 'the Entities view lists the entities by label and jumps to a mention',
  toggle: 'the toggle commands turn highlighting off and on, globally and per workspace',
  status: 'the language status item shows the sidecar ready with its model',
  restart: '"Samsara: Restart Sidecar" from the palette starts a new sidecar that serves the document',
  killRecovery: 'after the sidecar is killed, it comes back and follows edits again',
  restricted: 'in restricted mode the bundled sidecar serves the document and the workspace sidecar path never runs',
} as const;
