// Entity rules benchmark (`npx tsx bench/entityRulesBench.ts`), with the real server and sidecar:
//  1. the sample (samples/sample.md) before and after a rules file: which entities change;
//  2. saving the rules file -> the open document's diagnostics updated, on a 300 KB document
//     (the Jargon File): a change of one name (only the blocks holding it go to the sidecar)
//     beside a change every block can feel (a pattern without a literal), measured in the same run.
// Prints figures and ratios; asserts nothing.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentEntitiesSchema, type DocumentEntities } from '../shared/lsp';
import { jargonProse } from '../test/helpers/corpus';
import { documentEntities } from '../test/helpers/entityRequests';
import { LspTestClient } from '../test/helpers/lspClient';
import { realSidecar, repoRoot, requireRealSidecar } from '../test/helpers/paths';
import { fmt, median } from './benchUtil';

const ROUNDS = 5;

function flat(model: DocumentEntities): Map<string, string> {
  const out = new Map<string, string>();
  for (const group of model.labels) for (const entity of group.entities) out.set(entity.text, group.label);
  return out;
}

async function main(): Promise<void> {
  requireRealSidecar();
  const workspace = mkdtempSync(path.join(tmpdir(), 'samsara-rules-bench-'));
  mkdirSync(path.join(workspace, '.samsara'));
  const rulesPath = path.join(workspace, '.samsara', 'entities.yaml');
  const rulesUri = pathToFileURL(rulesPath).href;
  writeFileSync(rulesPath, '# empty\n');
  console.log(
    `machine: load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' ')} at start`,
  );
  const client = await LspTestClient.start({
    settings: { sidecar: { path: realSidecar, startTimeoutMs: 60_000 }, analysis: { debounceMs: 0 } },
    workspaceFolder: workspace,
    watchFiles: true,
  });
  try {
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 90_000 });
    /** Writes the rules file as an editor saves it, and waits for `uri`'s next publication. */
    const save = async (text: string, uri: string): Promise<number> => {
      const next = client.nextPublication(uri);
      const saved = performance.now();
      writeFileSync(rulesPath, text);
      await client.didChangeWatchedFiles([{ uri: rulesUri, type: 2 }]);
      return (await next).at - saved;
    };

    // 1. The sample, before and after.
    const sampleUri = pathToFileURL(path.join(workspace, 'sample.md')).href;
    const sample = readFileSync(path.join(repoRoot, 'samples', 'sample.md'), 'utf8');
    const opened = client.nextPublication(sampleUri);
    await client.open(sampleUri, sample, 'markdown');
    await opened;
    const before = flat(DocumentEntitiesSchema.parse(await documentEntities(client, sampleUri)));
    await save('known:\n  - text: Difference Engine\n    label: PRODUCT\nignore:\n  texts: [Moon]\n', sampleUri);
    const after = flat(DocumentEntitiesSchema.parse(await documentEntities(client, sampleUri)));
    console.log('samples/sample.md with `known: [{text: Difference Engine, label: PRODUCT}]`, `ignore: {texts: [Moon]}`:');
    for (const text of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(text) !== after.get(text))
        console.log(`  ${JSON.stringify(text).padEnd(22)} ${before.get(text) ?? '—'} → ${after.get(text) ?? '—'}`);
    }
    await client.close(sampleUri);

    // 2. Saving the rules file -> updated diagnostics of a 300 KB document.
    const text = jargonProse(300_000);
    const uri = pathToFileURL(path.join(workspace, 'jargon.txt')).href;
    const first = client.nextPublication(uri);
    await client.open(uri, text);
    await first;
    const model = DocumentEntitiesSchema.parse(await documentEntities(client, uri));
    const name =
      model.labels.find((l) => l.label === 'ORG')?.entities.find((e) => e.mentions.length === 1 && e.text.length >= 6)?.text ?? 'Unix';
    const one: number[] = [];
    const every: number[] = [];
    const blocks = { one: 0, every: 0 };
    // Each measured save changes the rules of the one before it in one way only: first the name's
    // label (back and forth), then a pattern's label (back and forth).
    const measure = async (rules: string, into: number[]): Promise<number> => {
      const before = (await client.stats()).blocksAnalyzed;
      into.push(await save(rules, uri));
      return (await client.stats()).blocksAnalyzed - before;
    };
    await save(`known:\n  - text: ${JSON.stringify(name)}\n    label: PRODUCT\n`, uri);
    for (let round = 0; round < ROUNDS; round++) {
      const label = round % 2 === 0 ? 'WORK_OF_ART' : 'PRODUCT';
      blocks.one = await measure(`known:\n  - text: ${JSON.stringify(name)}\n    label: ${label}\n`, one);
    }
    await save('known:\n  - pattern: [{ENT_TYPE: PERSON, OP: "+"}]\n    label: HUMAN\n', uri);
    for (let round = 0; round < ROUNDS; round++) {
      const label = round % 2 === 0 ? 'SOMEONE' : 'HUMAN';
      blocks.every = await measure(`known:\n  - pattern: [{ENT_TYPE: PERSON, OP: "+"}]\n    label: ${label}\n`, every);
    }
    const total = (await client.stats()).cacheEntries;
    console.log(`rules file saved → diagnostics of a ${fmt(text.length / 1000, 0)} K-character document updated (median of ${ROUNDS}):`);
    console.log(`  one name changed (${JSON.stringify(name)}): ${fmt(median(one), 0)} ms, ${blocks.one} block(s) re-analysed`);
    console.log(
      `  a pattern without a literal (every block): ${fmt(median(every), 0)} ms, ${blocks.every} blocks re-analysed (cache: ${total} entries)`,
    );
    console.log(`  ratio one name / every block: ${fmt(median(one) / median(every), 3)}`);
  } finally {
    await client.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
