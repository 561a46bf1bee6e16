// The workspace scan routes each file by its language as open documents are: a French file's
// entities come from the French pipeline (front matter, or detection), an English one's from
// the English pipeline, and a file no installed pipeline speaks is left out, not misread. Files
// that are not open follow their folder's samsara.language and its `[markdown]` override.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { AnalysisCache } from '../../../../server/src/analysis/analysisCache';
import { analysisLanguage } from '../../../../server/src/pipelines/analysisLanguage';
import { silentLogger } from '../../../../server/src/logger';
import type { Entity } from '../../../../server/src/protocol/sidecar';
import { defaultSettings } from '../../../../server/src/settings/settings';
import { folderLanguage } from '../../../../server/src/workspace/folderLanguage';
import { IndexStore } from '../../../../server/src/workspace/indexStore';
import { languageFiles } from '../../../../server/src/workspace/languageFiles';
import { WorkspaceIndex } from '../../../../server/src/workspace/workspaceIndex';
import { WorkspaceScanner } from '../../../../server/src/workspace/workspaceScanner';

/** A pipeline that tags every "Paris" with its own label (French: LOC, English: GPE). */
function pipeline(label: string, asked: string[]): AnalysisCache {
  return new AnalysisCache(async (texts: string[]): Promise<Entity[][]> => {
    asked.push(...texts);
    return texts.map((text) => [...text.matchAll(/Paris/g)].map((m) => ({ label, text: 'Paris', start: m.index, end: m.index + 5 })));
  });
}

const FRENCH =
  'Nous sommes arrivés à Paris hier soir, après un long voyage en train depuis la côte. La ville était calme et il pleuvait doucement sur les toits gris.\n';
const ENGLISH =
  'We reached Paris last night after a long train journey from the coast. The city was quiet and it rained softly on the grey roofs.\n';

describe('workspace scan per language', () => {
  it("gives a French file the French pipeline's entities and an English file the English ones", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'samsara-scan-lang-'));
    writeFileSync(join(folder, 'chapitre.md'), FRENCH);
    writeFileSync(join(folder, 'notes.md'), `---\nlang: fr\n---\n${ENGLISH}`);
    writeFileSync(join(folder, 'chapter.md'), ENGLISH);
    writeFileSync(join(folder, 'kapitel.md'), `---\nlang: de\n---\n${ENGLISH}`);
    const asked = { fr: [] as string[], en: [] as string[] };
    const caches: Record<string, AnalysisCache> = { fr: pipeline('LOC', asked.fr), en: pipeline('GPE', asked.en) };
    const index = new WorkspaceIndex();
    const scanner = new WorkspaceScanner({
      cache: caches.en as AnalysisCache,
      route: async (_uri, text, languageId, setting) => {
        const { language } = await analysisLanguage(text, languageId, setting ?? 'auto');
        return { language: language.code, cache: caches[language.code] };
      },
      store: new IndexStore(undefined, { maxBytes: 1_000_000, log: silentLogger }),
      index,
      isOpen: () => false,
      log: silentLogger,
    });
    const rules = {
      languages: languageFiles(['markdown']),
      include: [],
      exclude: [],
      excludedFolders: [],
      maxFileBytes: 10_000,
      gitignore: true,
    };
    assert.equal(await scanner.scan([{ folder, rules }], { report: () => undefined }), true);
    const uri = (name: string) => pathToFileURL(join(folder, name)).href;
    assert.deepEqual([...index.mentions('LOC:paris').keys()].sort(), [uri('chapitre.md'), uri('notes.md')]);
    assert.deepEqual([...index.mentions('GPE:paris').keys()], [uri('chapter.md')]);
    // German: no pipeline installed; the file is left out rather than read as English.
    assert.equal(index.mentions('GPE:paris').has(uri('kapitel.md')), false);
    assert.equal(scanner.counters.filesAnalyzed, 3);
    assert.ok(asked.fr.some((text) => text.includes('Nous sommes arrivés')));
    assert.ok(!asked.en.some((text) => text.includes('Nous sommes arrivés')));
  });

  it("follows the folder's samsara.language and its [markdown] override, not only the window's", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'samsara-scan-folder-lang-'));
    writeFileSync(join(folder, 'chapter.md'), ENGLISH);
    writeFileSync(join(folder, 'notes.txt'), ENGLISH);
    // The folder says fr; its [markdown] block says de; a bad value for plaintext is ignored.
    const sections: Record<string, unknown> = {
      '[markdown]': { 'samsara.language': 'de' },
      '[plaintext]': { 'samsara.language': 'French!' },
    };
    const asked: string[] = [];
    const language = await folderLanguage(
      pathToFileURL(folder).href,
      { ...defaultSettings(), language: 'fr', languages: ['markdown', 'plaintext'] },
      {
        section: async (_uri, section) => {
          asked.push(section);
          return sections[section];
        },
      },
    );
    assert.deepEqual(asked.sort(), ['[markdown]', '[plaintext]']);
    assert.deepEqual(language, { setting: 'fr', overrides: { markdown: 'de' } });
    const routed = new Map<string, string | undefined>();
    const scanner = new WorkspaceScanner({
      cache: pipeline('GPE', []),
      route: async (uri, text, languageId, setting) => {
        routed.set(uri.slice(uri.lastIndexOf('/') + 1), setting);
        const resolved = (await analysisLanguage(text, languageId, setting ?? 'auto')).language.code;
        return { language: resolved, cache: pipeline(resolved, []) };
      },
      store: new IndexStore(undefined, { maxBytes: 1_000_000, log: silentLogger }),
      index: new WorkspaceIndex(),
      isOpen: () => false,
      log: silentLogger,
    });
    const rules = {
      languages: languageFiles(['markdown', 'plaintext']),
      include: [],
      exclude: [],
      excludedFolders: [],
      maxFileBytes: 10_000,
      gitignore: true,
    };
    assert.equal(await scanner.scan([{ folder, rules, language }], { report: () => undefined }), true);
    assert.deepEqual(Object.fromEntries(routed), { 'chapter.md': 'de', 'notes.txt': 'fr' });
  });
});
