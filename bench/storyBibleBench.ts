// Story bible benchmark (`npx tsx bench/storyBibleBench.ts`), on real prose: the Jargon File's
// glossary (Debian jargon-text) cut into 50 chapters of a temporary workspace (~1.5 MB), with a
// character, Emma Woodhouse, declared in `.samsara/entities.yaml` with two aliases and mentioned
// 1,000 times across the chapters (20 a chapter, under her three names).
//  1. Rename (F2) of the character → the WorkspaceEdit over all 50 files (49 of them read from
//     disk), median of several requests, beside references (Shift+F12) of the same character in
//     the same run, and beside references of a name without aliases.
//  2. The rename computation alone (no LSP, no disk), beside building the 50 files' entity models.
// Prints figures and ratios; asserts nothing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel, type DocumentEntity } from '../server/src/entities/entityModel';
import { StoryBible } from '../server/src/entities/storyBible';
import { renameEdit, type RenameFile } from '../server/src/features/storyBible/renameEdit';
import { jargonProse, jargonText } from '../test/helpers/corpus';
import { LspTestClient } from '../test/helpers/lspClient';
import { realSidecar, requireRealSidecar } from '../test/helpers/paths';
import { waitFor } from '../test/helpers/waitFor';
import { fmt, median } from './benchUtil';

const FILES = 50;
const PER_FILE = 20;
const NAMES = ['Emma Woodhouse', 'Emma', 'Miss Woodhouse'];
const RULES = 'known:\n  - id: emma\n    text: Emma Woodhouse\n    label: PERSON\n    aliases: [Emma, Miss Woodhouse]\n';

/** 50 chapters of the glossary, each with 20 sentences naming Emma at paragraph starts. */
function chapters(): string[] {
  const all = jargonProse(jargonText().length);
  const size = Math.ceil(all.length / FILES);
  const out: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const paragraphs = all.slice(i * size, (i + 1) * size).split('\n\n');
    const step = Math.max(1, Math.floor(paragraphs.length / PER_FILE));
    for (let m = 0; m < PER_FILE; m++) {
      const at = Math.min(paragraphs.length - 1, m * step);
      paragraphs[at] = `${NAMES[m % NAMES.length]} read about it in the library.\n\n${paragraphs[at]}`;
    }
    out.push(paragraphs.join('\n\n'));
  }
  return out;
}

async function timed<T>(run: () => Promise<T>, times: number): Promise<{ ms: number; last: T }> {
  const samples: number[] = [];
  let last!: T;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    last = await run();
    samples.push(performance.now() - started);
  }
  return { ms: median(samples), last };
}

async function overLsp(folder: string, texts: string[]): Promise<void> {
  const client = await LspTestClient.start({
    workspaceFolder: folder,
    settings: { sidecar: { path: realSidecar, workers: 2 }, analysis: { debounceMs: 0 } },
  });
  try {
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 120_000 });
    const scanStarted = performance.now();
    await waitFor(
      async () => {
        const w = (await client.stats()).workspace;
        return w && w.scans >= 1 && !w.scanning && w.indexedFiles >= FILES ? w : undefined;
      },
      { timeoutMs: 900_000, intervalMs: 500, message: 'the workspace scan' },
    );
    console.log(
      `  workspace of ${FILES} files (${fmt(texts.join('').length / 1e6, 2)} MB) scanned in ${fmt((performance.now() - scanStarted) / 1000)} s`,
    );
    const uri = pathToFileURL(path.join(folder, 'chapter-01.md')).href;
    await client.open(uri, texts[0], 'markdown');
    const doc = TextDocument.create(uri, 'markdown', 1, texts[0]);
    const emma = doc.positionAt(texts[0].indexOf('Emma') + 1);
    const plainName = texts[0].search(/\bUnix\b/);
    const position = { textDocument: { uri }, position: emma };
    const refs = await timed(
      () => client.request<Location[]>('textDocument/references', { ...position, context: { includeDeclaration: true } }),
      7,
    );
    const rename = await timed(() => client.request<WorkspaceEdit>('textDocument/rename', { ...position, newName: 'Harriet' }), 7);
    const edits = (rename.last.documentChanges ?? []).reduce((n, change) => n + ('edits' in change ? change.edits.length : 0), 0);
    console.log(`  references of Emma (with aliases): ${refs.last.length} locations, median ${fmt(refs.ms)} ms`);
    console.log(
      `  rename of Emma → WorkspaceEdit: ${edits} edits in ${(rename.last.documentChanges ?? []).length} files, median ${fmt(rename.ms)} ms (${fmt(rename.ms / refs.ms)}× references)`,
    );
    if (plainName >= 0) {
      const plain = { textDocument: { uri }, position: doc.positionAt(plainName + 1) };
      const other = await timed(
        () => client.request<Location[] | null>('textDocument/references', { ...plain, context: { includeDeclaration: true } }),
        7,
      );
      console.log(`  references of "Unix" (no aliases): ${other.last?.length ?? 0} locations, median ${fmt(other.ms)} ms`);
    }
  } finally {
    await client.shutdown();
  }
}

function computation(texts: string[]): void {
  const bible = new StoryBible([
    {
      id: 'emma',
      name: 'Emma Woodhouse',
      label: 'PERSON',
      aliases: ['Emma', 'Miss Woodhouse'],
      source: { uri: 'file:///r', index: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    },
  ]);
  const spans = texts.map((text) => {
    const found: DocumentEntity[] = [];
    for (const match of text.matchAll(/Emma Woodhouse|Miss Woodhouse|Emma/g))
      found.push({ label: 'PERSON', text: match[0], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
    return found;
  });
  const builds: number[] = [];
  const renames: number[] = [];
  for (let round = 0; round < 9; round++) {
    let started = performance.now();
    const models = texts.map((text, i) => EntityModel.build(TextDocument.create(`file:///c${i}.md`, 'markdown', 1, text), spans[i], bible));
    const files: RenameFile[] = models.map((model, i) => ({
      uri: model.uri,
      text: texts[i],
      version: null,
      mentions: model.mentionsOfKey('PERSON:emma woodhouse'),
    }));
    builds.push(performance.now() - started);
    started = performance.now();
    renameEdit({ oldName: 'Emma', newName: 'Harriet', files, annotations: true });
    renames.push(performance.now() - started);
  }
  console.log(
    `  rename computation (1,000 mentions, 50 files): median ${fmt(median(renames), 2)} ms; building the 50 entity models: ${fmt(median(builds), 2)} ms (${fmt(median(renames) / median(builds), 2)}×)`,
  );
}

async function main(): Promise<void> {
  requireRealSidecar();
  const texts = chapters();
  const folder = mkdtempSync(path.join(tmpdir(), 'samsara-bible-bench-'));
  mkdirSync(path.join(folder, '.samsara'));
  writeFileSync(path.join(folder, '.samsara', 'entities.yaml'), RULES);
  texts.forEach((text, i) => writeFileSync(path.join(folder, `chapter-${String(i + 1).padStart(2, '0')}.md`), text));
  console.log('story bible bench');
  computation(texts);
  await overLsp(folder, texts);
}

void main();
