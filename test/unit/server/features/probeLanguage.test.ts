// A probe finds names with the pipeline of its document's language (setting, front matter,
// detection), with the real language resolution and fake pools that say who was asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoryBible } from '../../../../server/src/entities/storyBible';
import { probeAnalyzer, type ProbeLanguageDeps } from '../../../../server/src/features/probeLanguage';

const FRENCH =
  "Jean Valjean quitta la ville au petit matin. Il marchait depuis des heures quand il aperçut enfin le clocher de l'église, " +
  'et il se dit que la route serait encore longue avant la nuit.';
const ENGLISH = 'Ada Lovelace walked to the station in the rain. She had been thinking about the engine all morning and could not stop.';

function deps(documents: Record<string, { text: string; languageId: string }>, setting = 'auto', installed = ['en', 'fr']) {
  const asked: string[] = [];
  const d: ProbeLanguageDeps = {
    document: (uri) => documents[uri],
    languageSetting: async () => setting,
    poolFor: (language) =>
      installed.includes(language)
        ? {
            analyze: async (texts) => {
              asked.push(language);
              return texts.map(() => [{ text: 'Jean Valjean', label: language === 'fr' ? 'PER' : 'PERSON', start: 0, end: 12 }]);
            },
          }
        : undefined,
    bible: () => StoryBible.EMPTY,
  };
  return { d, asked };
}

describe('probes in the selection language', () => {
  it("analyses a French document's selection and answers with the French pipeline", async () => {
    const { d, asked } = deps({ 'file:///w/chapitre.md': { text: FRENCH, languageId: 'markdown' } });
    const { language, analyze } = await probeAnalyzer(d, 'file:///w/chapitre.md', 'Jean Valjean quitta la ville.');
    assert.equal(language, 'fr');
    const [spans] = await analyze(['Jean Valjean quitta la ville.']);
    assert.equal(spans?.[0]?.label, 'PER');
    assert.deepEqual(asked, ['fr']);
  });

  it('reads the front matter of the whole document, not the short selection', async () => {
    const { d } = deps({ 'file:///w/notes.md': { text: `---\nlang: de\n---\n${ENGLISH}`, languageId: 'markdown' } }, 'auto', ['en', 'de']);
    assert.equal((await probeAnalyzer(d, 'file:///w/notes.md', 'Ada.')).language, 'de');
  });

  it('follows samsara.language, and detects from the selection when there is no open document', async () => {
    assert.equal((await probeAnalyzer(deps({}, 'fr').d, 'file:///w/x.txt', ENGLISH)).language, 'fr');
    assert.equal((await probeAnalyzer(deps({}).d, undefined, FRENCH)).language, 'fr');
    assert.equal((await probeAnalyzer(deps({}).d, undefined, ENGLISH)).language, 'en');
  });

  it('says which language model is missing rather than analysing French text as English', async () => {
    const { d, asked } = deps({}, 'auto', ['en']);
    const { analyze } = await probeAnalyzer(d, undefined, FRENCH);
    await assert.rejects(analyze([FRENCH]), /no French language model is installed/);
    assert.deepEqual(asked, []);
  });
});
