// docs/languages.md's table of languages is the catalogue's: a checksum or size added to
// catalogue.json shows in the docs only when the table is written again, and this test says so.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Catalogue } from '../../../server/src/pipelines/catalogue';
import { DOC, languagesTable, withTable } from '../../../scripts/languages-table';

describe('the languages table of the docs', () => {
  it('is the one the catalogue gives (write it: node --import tsx scripts/languages-table.ts --write)', () => {
    const doc = readFileSync(DOC, 'utf8');
    assert.equal(withTable(doc, languagesTable()), doc);
  });

  it('names what downloads with a checksum, what only installs from a file, and what is not offered', () => {
    const row = (name: string, extra: Partial<Catalogue['pipelines'][number]>): Catalogue['pipelines'][number] => ({
      name,
      language: name.slice(0, 2),
      languageName: name.startsWith('ko') ? 'Korean' : 'Zulu',
      version: '3.8.0',
      sizeBytes: null,
      sha256: null,
      sha256Source: 'unverified',
      labels: ['PER'],
      licence: 'MIT',
      ...extra,
    });
    const table = languagesTable({
      spacyVersion: '3.8',
      releaseUrl: 'https://example.org/{name}/{version}',
      supportPackages: [],
      pipelines: [
        row('zu_core_news_sm', { sizeBytes: 12_345_678, sha256: 'a'.repeat(64) }),
        row('zu_core_news_lg', {}),
        row('ko_core_news_sm', { unsupported: 'needs a tokenizer, which Samsara does not include' }),
      ],
    });
    assert.deepEqual(table.slice(2), [
      '| Korean | `ko` | `ko_core_news_sm` | — | not yet: needs a tokenizer | MIT |',
      '| Zulu | `zu` | `zu_core_news_sm/lg` | 12.3 MB | sm | MIT |',
    ]);
    assert.throws(() => withTable('# no table here\n', table), /has no languages table/);
  });
});
