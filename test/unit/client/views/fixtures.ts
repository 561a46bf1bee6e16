// A small entity model, as the server's samsara/documentEntities would answer, for the view's tests.
import type { DocumentEntities, EntitySummary } from '../../../../shared/lsp';

export function range(line: number, character: number, length: number): EntitySummary['mentions'][number] {
  return { start: { line, character }, end: { line, character: character + length } };
}

export function sampleModel(version = 1): DocumentEntities {
  return {
    uri: 'file:///ws/notes.md',
    version,
    labels: [
      {
        label: 'PERSON',
        explanation: 'People, including fictional',
        entities: [
          { key: 'PERSON:bill gates', text: 'Bill Gates', label: 'PERSON', mentions: [range(2, 0, 10), range(7, 4, 10)] },
          { key: 'PERSON:ada lovelace', text: 'Ada Lovelace', label: 'PERSON', mentions: [range(0, 2, 12)] },
        ],
      },
      {
        label: 'ORG',
        explanation: 'Companies, agencies, institutions, etc.',
        entities: [{ key: 'ORG:microsoft', text: 'Microsoft', label: 'ORG', mentions: [range(2, 20, 9)] }],
      },
      { label: 'MONEY', explanation: 'Monetary values, including unit', entities: [] },
    ],
  };
}
