// The e2e scenarios, declared once. Two suites run them: test/e2e/*.test.ts in code-server
// (driven through the DOM, what a user sees) and test/e2e/desktop/ in desktop VS Code (through
// the editor API, @vscode/test-electron in the release workflow). Both read names, files, texts
// and expectations from here, so the two cannot drift apart.

/** The sample document every editor scenario opens, and what the real model finds in it. */
export const SAMPLE = {
  file: 'sample.md',
  /** Entities the sample holds, at least. */
  minEntities: 10,
  /** A PERSON and the word to hover it by. */
  person: 'Ada Lovelace',
  hoverWord: 'Lovelace',
  hoverLabel: 'PERSON',
  hoverExplanation: /People, including fictional/,
  /** Labels the sample's entities carry. */
  labels: ['PERSON', 'GPE', 'MONEY', 'DATE'],
  model: 'en_core_web_sm',
} as const;

/** The plain-text sample, analysed as well. */
export const SAMPLE_TXT = { file: 'sample.txt', minEntities: 5 } as const;

/** Sentences typed into the sample after a restart or a kill, and the entities each adds. */
export const EDITS = {
  afterRestart: { text: 'Angela Merkel visited Berlin.', entities: 2 },
  afterKill: { text: 'Toyota opened a factory in Kentucky.', entities: 2 },
} as const;

/** Scenario names, as both suites report them. */
export const SCENARIOS = {
  highlights: 'entities of the sample document are highlighted',
  hover: 'hovering an entity shows its label and explanation',
  problems: 'the Problems panel lists the entities with source and label',
  status: 'the language status item shows the sidecar ready with its model',
  restart: '"Samsara: Restart Sidecar" from the palette starts a new sidecar that serves the document',
  killRecovery: 'after the sidecar is killed, it comes back and follows edits again',
  restricted: 'in restricted mode the bundled sidecar serves the document and the workspace sidecar path never runs',
} as const;
