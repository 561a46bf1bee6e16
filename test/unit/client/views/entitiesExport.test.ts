import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entitiesToCsv, entitiesToJson, type EntitiesExport } from '../../../../client/src/views/entitiesExport';
import type { DocumentEntities } from '../../../../shared/lsp';
import { range, sampleModel } from './fixtures';

/** A minimal RFC 4180 reader, to check that what we write reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}

function oneEntity(text: string): DocumentEntities {
  return {
    uri: 'file:///ws/a.txt',
    version: 3,
    labels: [{ label: 'ORG', explanation: 'Companies', entities: [{ key: 'k', text, label: 'ORG', mentions: [range(4, 9, 3)] }] }],
  };
}

describe('Entities view: CSV', () => {
  it('writes a header and one row per entity, with the mention count and the first mention 1-based', () => {
    assert.equal(
      entitiesToCsv(sampleModel()),
      'label,entity,mentions,first line,first column\r\n' +
        'PERSON,Bill Gates,2,3,1\r\n' +
        'PERSON,Ada Lovelace,1,1,3\r\n' +
        'ORG,Microsoft,1,3,21\r\n',
    );
  });

  it('reads back as the same fields, whatever the entity text holds', () => {
    for (const text of ['Acme, Inc.', 'the "Times", London', 'line\r\nbreak', '"', ',', 'Zoë 🚀']) {
      const rows = parseCsv(entitiesToCsv(oneEntity(text)));
      assert.deepEqual(rows, [
        ['label', 'entity', 'mentions', 'first line', 'first column'],
        ['ORG', text, '1', '5', '10'],
      ]);
    }
  });

  it('keeps a spreadsheet from running entity text as a formula', () => {
    assert.equal(parseCsv(entitiesToCsv(oneEntity('-5%')))[1]?.[1], "'-5%");
  });

  it('of an empty list is the header alone', () => {
    assert.equal(entitiesToCsv({ uri: 'file:///x', version: 1, labels: [] }), 'label,entity,mentions,first line,first column\r\n');
  });
});

describe('Entities view: JSON', () => {
  it('lists labels, entities, counts and every mention 1-based, with the filter', () => {
    const exported = JSON.parse(entitiesToJson(sampleModel(4), 'gates')) as EntitiesExport;
    assert.equal(exported.uri, 'file:///ws/notes.md');
    assert.equal(exported.version, 4);
    assert.equal(exported.filter, 'gates');
    assert.deepEqual(
      exported.labels.map((group) => group.label),
      ['PERSON', 'ORG', 'MONEY'],
    );
    assert.equal(exported.labels[0]?.explanation, 'People, including fictional');
    assert.deepEqual(exported.labels[0]?.entities[0], {
      label: 'PERSON',
      text: 'Bill Gates',
      count: 2,
      mentions: [
        { line: 3, column: 1, endLine: 3, endColumn: 11 },
        { line: 8, column: 5, endLine: 8, endColumn: 15 },
      ],
    });
  });

  it('keeps any text intact (quotes, line breaks, emoji)', () => {
    const text = 'the "Times",\n🚀';
    const exported = JSON.parse(entitiesToJson(oneEntity(text), '')) as EntitiesExport;
    assert.equal(exported.labels[0]?.entities[0]?.text, text);
  });
});
