// What a language's pipelines need beside the bundle, through the real install path: a Japanese
// pipeline brings SudachiPy's dictionary, the real 77 MB wheel served by a local server standing
// in for its release location (PyPI) or a mirror, checked against the catalogue's sha256 before
// anything is unpacked. Every failure (checksum, offline, cancelled, a bundle without SudachiPy)
// installs nothing; the dictionary installs from a file for offline machines, and goes with the
// last Japanese pipeline.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { supportFor, supportUrl, type SupportPackage } from '../../../../server/src/pipelines/catalogue';
import { CATALOGUE } from '../../../../server/src/pipelines/catalogue';
import { PipelineStore } from '../../../../server/src/pipelines/pipelineStore';
import { SpacyVersion } from '../../../../server/src/pipelines/spacyVersion';
import { FR_WHEEL, startReleaseServer, SUDACHIDICT_WHEEL, sudachiDictWheel, type ReleaseServer } from '../../../helpers/releaseServer';
import { closedPortUrl, rejectsWith } from '../../../helpers/pipelineAssertions';

const DICTIONARY = supportFor('ja')[0] as SupportPackage;
const DICTIONARY_PATH = new URL(supportUrl(DICTIONARY, 'http://mirror')).pathname;

describe('support packages: the Japanese dictionary', () => {
  let server: ReleaseServer;
  let japanese: string;
  const made: string[] = [];
  const temp = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
  const freshStore = (bundleHasSudachi = true) =>
    new PipelineStore(temp('samsara-pipelines-'), CATALOGUE, new SpacyVersion(), { carries: async () => bundleHasSudachi });
  /** Everything in the store but the empty work folders. */
  const contents = (store: PipelineStore) => {
    const top = existsSync(store.root) ? readdirSync(store.root).filter((name) => name !== '.download' && name !== '.support') : [];
    const support = existsSync(store.support.folder) ? readdirSync(store.support.folder).map((name) => `.support/${name}`) : [];
    return [...top, ...support];
  };

  before(async () => {
    server = await startReleaseServer();
    server.files.set(DICTIONARY_PATH, sudachiDictWheel());
    // A Japanese pipeline folder: the French pipeline's files with a Japanese meta.json (the store
    // reads only the meta; the sidecar test loads a real Japanese one).
    const french = await freshStore().installFromFile(FR_WHEEL);
    japanese = temp('samsara-ja-pipeline-');
    cpSync(french.path, japanese, { recursive: true });
    const meta = JSON.parse(readFileSync(join(japanese, 'meta.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(japanese, 'meta.json'), JSON.stringify({ ...meta, lang: 'ja', name: 'core_news_sm' }));
  });
  after(async () => {
    await server.close();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the dictionary with the first Japanese pipeline, checks its sha256, unpacks it whole, and removes it with the last', async () => {
    const store = freshStore();
    const parts: string[] = [];
    const installed = await store.installFromFile(japanese, { mirror: server.baseUrl, onProgress: ({ part }) => parts.push(part ?? '') });
    assert.equal(installed.name, 'ja_core_news_sm');
    assert.deepEqual([...new Set(parts)], ['the Japanese dictionary'], 'progress names the part downloading');
    assert.equal(server.requests.filter((path) => path === DICTIONARY_PATH).length, 1);
    const dictionary = join(store.support.folder, 'sudachidict_core-20261015');
    assert.ok(readFileSync(join(dictionary, 'sudachidict_core', 'resources', 'system.dic')).length > 200_000_000, 'the system dictionary');
    assert.ok(existsSync(join(dictionary, 'sudachidict_core-20261015.dist-info', 'METADATA')));
    assert.equal(installed.supportBytes, DICTIONARY.unpackedBytes);
    assert.deepEqual(readdirSync(join(store.root, '.download')), [], 'the wheel is not kept');

    const again = await store.installFromFile(japanese, { mirror: server.baseUrl });
    assert.equal(again.supportBytes, DICTIONARY.unpackedBytes);
    assert.equal(server.requests.filter((path) => path === DICTIONARY_PATH).length, 1, 'not downloaded twice');

    assert.equal(await store.remove('ja_core_news_sm'), true);
    assert.deepEqual(contents(store), [], 'the dictionary went with the last Japanese pipeline');
  });

  it('keeps the dictionary while another pipeline of its language needs it, and never for other languages', async () => {
    const store = freshStore();
    await store.installFromFile(japanese, { mirror: server.baseUrl });
    await store.installFromFile(FR_WHEEL);
    assert.equal((await store.list()).find((pipeline) => pipeline.language === 'fr')?.supportBytes, 0);
    assert.equal(await store.remove('fr_core_news_sm'), true);
    assert.deepEqual(contents(store), ['ja_core_news_sm-3.8.0', '.support/sudachidict_core-20261015']);
  });

  it('refuses a dictionary whose checksum differs, and installs neither it nor the pipeline', async () => {
    const other = await startReleaseServer();
    try {
      other.files.set(DICTIONARY_PATH, Buffer.from('not the dictionary'));
      const store = freshStore();
      await assert.rejects(
        store.installFromFile(japanese, { mirror: other.baseUrl }),
        rejectsWith(
          'checksum',
          /Japanese language models need the Japanese dictionary \(sudachidict_core 20261015, 77 MB\).*official checksum/,
        ),
      );
      assert.deepEqual(contents(store), []);
    } finally {
      await other.close();
    }
  });

  it('offline, says so and how to install the dictionary from a file; nothing is installed', async () => {
    const offline = await closedPortUrl();
    const store = freshStore();
    await assert.rejects(
      store.installFromFile(japanese, { mirror: offline }),
      rejectsWith(
        'offline',
        /download sudachidict_core-20261015-py3-none-any\.whl from https:\/\/files\.pythonhosted\.org\/.*Install Language Pipeline from File/,
      ),
    );
    assert.deepEqual(contents(store), []);
  });

  it('cancels the dictionary download in flight: no pipeline, no partial file', async () => {
    server.held.add(DICTIONARY_PATH);
    try {
      const store = freshStore();
      const controller = new AbortController();
      const installing = store.installFromFile(japanese, {
        mirror: server.baseUrl,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      await assert.rejects(installing, rejectsWith('cancelled', /cancelled; nothing was installed/));
      assert.deepEqual(contents(store), []);
      assert.deepEqual(readdirSync(join(store.root, '.download')), []);
    } finally {
      server.held.delete(DICTIONARY_PATH);
    }
  });

  it('refuses Japanese where the program carries no SudachiPy (Windows on ARM, Alpine) before downloading anything', async () => {
    const store = freshStore(false);
    const before = server.requests.length;
    await assert.rejects(
      store.installFromFile(japanese, { mirror: server.baseUrl }),
      rejectsWith(
        'unsupported',
        /ja_core_news_sm needs SudachiPy, the Japanese word splitter, which Samsara's build for this platform does not include/,
      ),
    );
    assert.equal(server.requests.length, before);
    assert.deepEqual(contents(store), []);
    assert.deepEqual([...(await store.support.unrunnable()).keys()], ['ja']);
    assert.deepEqual([...(await freshStore(true).support.unrunnable()).keys()], []);
  });

  it('installs the dictionary from a file (offline), then the pipeline without any download; a different file is refused', async () => {
    const store = freshStore();
    assert.equal(store.support.packageOfWheel(SUDACHIDICT_WHEEL), DICTIONARY);
    assert.equal(store.support.packageOfWheel(FR_WHEEL), undefined);
    const impostor = join(temp('samsara-impostor-'), 'sudachidict_core-20261015-py3-none-any.whl');
    writeFileSync(impostor, 'a different file');
    await assert.rejects(
      store.support.installWheel(impostor, DICTIONARY),
      rejectsWith('checksum', /is not sudachidict_core 20261015 as released/),
    );
    assert.deepEqual(contents(store), []);

    await store.support.installWheel(SUDACHIDICT_WHEEL, DICTIONARY);
    const before = server.requests.length;
    const installed = await store.installFromFile(japanese, { mirror: 'http://127.0.0.1:9' });
    assert.equal(installed.supportBytes, DICTIONARY.unpackedBytes);
    assert.equal(server.requests.length, before, 'nothing downloaded');
  });
});
