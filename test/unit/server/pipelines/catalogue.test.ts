// The catalogue is data the product trusts: these tests keep it consistent with the bundle
// (every language it lists is in the bundle's spaCy, every pinned spaCy is of the catalogue's series) and
// pin the URL layout, version ranges and wheel layout the installer relies on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CATALOGUE, defaultPipelineFor, downloadUrl, supportFor, supportUrl } from '../../../../server/src/pipelines/catalogue';
import { satisfies } from '../../../../server/src/pipelines/pipelineMeta';
import { FALLBACK_TOKEN_TYPE, STANDARD_TOKEN_TYPES, tokenTypeOf } from '../../../../shared/entityTokens';
import { dataDirPrefix } from '../../../../server/src/pipelines/wheel';
import { repoRoot } from '../../../helpers/paths';

describe('pipeline catalogue', () => {
  it('lists each pipeline once, for a language the bundle carries', () => {
    const hook = readFileSync(join(repoRoot, 'python-src', 'pyi_hooks', 'hook-spacy.py'), 'utf8');
    const bundled = new Set([...(/NER_LANGS = \{([^}]*)\}/s.exec(hook)?.[1] ?? '').matchAll(/"([a-z]{2})"/g)].map((match) => match[1]));
    const names = CATALOGUE.pipelines.map((row) => row.name);
    assert.equal(new Set(names).size, names.length);
    for (const row of CATALOGUE.pipelines) assert.ok(bundled.has(row.language), `${row.name}: spacy.lang.${row.language} is not bundled`);
    assert.equal(new Set(CATALOGUE.pipelines.map((row) => row.language)).size, 25);
  });

  it('says where every checksum came from, and verified the French one the tests download', () => {
    for (const row of CATALOGUE.pipelines) assert.ok(row.sha256Source.length > 0);
    const fr = defaultPipelineFor('fr');
    assert.equal(fr?.name, 'fr_core_news_sm');
    assert.equal(fr?.sha256, '7d6ad14cd5078e53147bfbf70fb9d433c6a3865b695fda2657140bbc59a27e29');
    assert.ok(CATALOGUE.pipelines.filter((row) => row.sha256 === null).every((row) => row.sha256Source.startsWith('unverified')));
  });

  it("fetches from spaCy's release URL, or the same layout under a mirror", () => {
    const fr = defaultPipelineFor('fr')!;
    assert.equal(
      downloadUrl(fr),
      'https://github.com/explosion/spacy-models/releases/download/fr_core_news_sm-3.8.0/fr_core_news_sm-3.8.0-py3-none-any.whl',
    );
    assert.equal(
      downloadUrl(fr, 'https://proxy.example/spacy/'),
      'https://proxy.example/spacy/fr_core_news_sm-3.8.0/fr_core_news_sm-3.8.0-py3-none-any.whl',
    );
  });

  it("pins every platform's spaCy within the catalogue's series, and checks ranges as pip does", () => {
    for (const file of ['requirements.txt', 'requirements-win-arm64.txt']) {
      const pinned = /^spacy==(\S+)$/m.exec(readFileSync(join(repoRoot, 'python-src', file), 'utf8'))?.[1];
      const [major, minor] = CATALOGUE.spacyVersion.split('.').map(Number);
      assert.ok(pinned && satisfies(pinned, `>=${major}.${minor}.0,<${major}.${(minor ?? 0) + 1}.0`), `${file}: spacy==${pinned}`);
    }
    assert.ok(satisfies('3.8.7', '>=3.8.0,<3.9.0'));
    assert.ok(!satisfies('3.8.7', '>=3.7.0,<3.8.0'));
    assert.ok(satisfies('3.8.7', '~=3.8.0'));
    assert.ok(!satisfies('3.8.7', 'garbage'));
    assert.ok(satisfies('3.8.7', undefined));
  });

  it('finds the data folder of a wheel and nothing else', () => {
    const names = [
      'fr_core_news_sm/__init__.py',
      'fr_core_news_sm/meta.json',
      'fr_core_news_sm/fr_core_news_sm-3.8.0/config.cfg',
      'fr_core_news_sm/fr_core_news_sm-3.8.0/meta.json',
    ];
    assert.equal(dataDirPrefix(names), 'fr_core_news_sm/fr_core_news_sm-3.8.0/');
    assert.equal(dataDirPrefix(names.slice(0, 3)), undefined);
  });

  it("pins what Japanese needs beside the bundle: SudachiPy's dictionary, from its release location or a mirror", () => {
    const [dictionary, ...more] = supportFor('ja');
    assert.equal(more.length, 0);
    assert.equal(dictionary?.name, 'sudachidict_core');
    assert.equal(dictionary?.bundleModule, 'sudachipy');
    assert.equal(dictionary?.sha256, '6d7774b518e64c88a0578975d569590b3dae3b3c834f166486aa611879ee9d98');
    assert.ok(dictionary && supportUrl(dictionary).startsWith('https://files.pythonhosted.org/packages/'));
    assert.ok(dictionary && supportUrl(dictionary).endsWith('/sudachidict_core-20261015-py3-none-any.whl'));
    assert.equal(
      dictionary && supportUrl(dictionary, 'https://mirror.example/spacy/'),
      'https://mirror.example/spacy/sudachidict_core-20261015/sudachidict_core-20261015-py3-none-any.whl',
    );
    assert.deepEqual(supportFor('fr'), []);
    for (const pkg of CATALOGUE.supportPackages)
      for (const language of pkg.languages)
        assert.ok(
          CATALOGUE.pipelines.some((row) => row.language === language),
          language,
        );
  });

  it("draws every catalogue pipeline's labels with OntoNotes' types where a counterpart fits, never with the fallback", () => {
    const labels = new Set(CATALOGUE.pipelines.flatMap((row) => row.labels));
    for (const label of labels) assert.notEqual(tokenTypeOf(label), FALLBACK_TOKEN_TYPE, label);
    const ownTypes = [...labels].filter((label) => !STANDARD_TOKEN_TYPES.includes(tokenTypeOf(label))).sort();
    assert.deepEqual(ownTypes, ['DERIV_PER', 'DRV', 'MISC', 'MOVEMENT', 'PHONE', 'TITLE_AFFIX']);
  });

  it('offers by default a verified sm (or md), never a lone verified lg: Chinese is from a file unless the writer picks its lg', () => {
    assert.equal(defaultPipelineFor('ja')?.name, 'ja_core_news_sm');
    assert.ok(defaultPipelineFor('ja')?.sha256);
    const zh = defaultPipelineFor('zh');
    assert.equal(zh?.name, 'zh_core_web_sm');
    assert.equal(zh?.sha256, null, 'not downloadable: the status offers no download');
    assert.ok(CATALOGUE.pipelines.find((row) => row.name === 'zh_core_web_lg')?.sha256, 'the lg is, from the Manage list');
  });
});
