// The languages table of docs/languages.md, written from the pipeline catalogue so the two cannot
// disagree (a unit test compares them): per language, its pipelines, the sm wheel's size, which
// pipelines download with a verified checksum, and the licence. `--write` rewrites the table in
// place, between its header and the first line after it that is not a table row.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, type Catalogue, type CatalogueRow, supportFor } from '../server/src/pipelines/catalogue';

export const DOC = join(__dirname, '..', 'docs', 'languages.md');
const HEADER = '| Language | Code | Pipelines | Download (sm) | Downloadable (verified) | Licence |';

/** "sm", "md", "lg" (the size part of a pipeline's name), or the whole name when it has none. */
function size(row: CatalogueRow): string {
  return row.name.split('_').at(-1) ?? row.name;
}

function megabytes(bytes: number | null): string {
  return bytes === null ? '—' : `${(bytes / 1e6).toFixed(1)} MB`;
}

function languageRow(rows: CatalogueRow[], catalogue: Catalogue): string {
  const [first] = rows as [CatalogueRow, ...CatalogueRow[]];
  const sm = rows.find((row) => size(row) === 'sm') ?? first;
  const stem = sm.name.slice(0, sm.name.length - size(sm).length);
  const pipelines = rows.length === 1 ? sm.name : `${stem}${rows.map(size).join('/')}`;
  const verified = rows.filter((row) => row.sha256 !== null).map(size);
  const unsupported = rows.find((row) => row.unsupported)?.unsupported;
  const downloadable = unsupported
    ? `not yet: ${unsupported.replace(/,.*$/, '')}`
    : verified.length > 0
      ? verified.join(', ')
      : 'from file only';
  const download = sm.language === 'en' ? 'built in' : megabytes(sm.sizeBytes);
  // What the language needs beside the bundle comes with its first pipeline, verified (Japanese's dictionary).
  const support = supportFor(sm.language, catalogue)
    .map((pkg) => `; with ${pkg.what} (${megabytes(pkg.sizeBytes)}, verified)`)
    .join('');
  return `| ${sm.languageName} | \`${sm.language}\` | \`${pipelines}\` | ${download} | ${downloadable}${support} | ${sm.licence} |`;
}

/** The table, header included, one row per language in the order of their English names. */
export function languagesTable(catalogue: Catalogue = CATALOGUE): string[] {
  const byLanguage = new Map<string, CatalogueRow[]>();
  for (const row of catalogue.pipelines) byLanguage.set(row.language, [...(byLanguage.get(row.language) ?? []), row]);
  const rows = [...byLanguage.values()].sort((a, b) => (a[0]?.languageName ?? '').localeCompare(b[0]?.languageName ?? ''));
  return [HEADER, '| --- | --- | --- | --- | --- | --- |', ...rows.map((row) => languageRow(row, catalogue))];
}

/** The document's lines with its table replaced by `table`; throws when it has no table. */
export function withTable(doc: string, table: string[]): string {
  const lines = doc.split('\n');
  const start = lines.indexOf(HEADER);
  if (start < 0) throw new Error(`${DOC} has no languages table (its header line: ${HEADER})`);
  let end = start;
  while (end < lines.length && lines[end]?.startsWith('|')) end += 1;
  return [...lines.slice(0, start), ...table, ...lines.slice(end)].join('\n');
}

if (process.argv.includes('--write')) writeFileSync(DOC, withTable(readFileSync(DOC, 'utf8'), languagesTable()));
