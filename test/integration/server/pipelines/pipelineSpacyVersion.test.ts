// A pipeline is checked against the spaCy the running program says it carries, not a constant:
// a program whose handshake says 3.8.18 (as Windows on ARM's build does) installs a pipeline that
// needs spaCy 3.8.11, and refuses one that needs 3.8.19 naming 3.8.18. The fake sidecar stands in
// for the program; the pipelines are folders with only the meta.json the check reads.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InstallPipelineResult } from '../../../../shared/pipelines';
import { LspTestClient } from '../../../helpers/lspClient';
import { fakeSidecar } from '../../../helpers/paths';

const root = mkdtempSync(join(tmpdir(), 'samsara-spacy-check-'));

/** A pipeline folder whose meta.json needs `range` of spaCy. */
function pipeline(name: string, version: string, range: string): string {
  const dir = join(root, `${name}-${version}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.cfg'), '[nlp]\nlang = "fr"\n');
  const [lang, ...rest] = name.split('_');
  writeFileSync(
    join(dir, 'meta.json'),
    JSON.stringify({ lang, name: rest.join('_'), version, spacy_version: range, labels: { ner: ['PER', 'LOC'] } }),
  );
  return dir;
}

describe("pipelines checked against the program's spaCy", () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({
      settings: { sidecar: { workers: 1 } },
      initializationOptions: { pipelinesFolder: join(root, 'installed') },
      env: { SAMSARA_SIDECAR_PATH: fakeSidecar, SAMSARA_FAKE_MODE: 'ok', SAMSARA_FAKE_SPACY_VERSION: '3.8.18' },
    });
    await client.waitForStatus((s) => s.state === 'ready');
  });
  after(async () => {
    await client?.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  it('installs what 3.8.18 loads and refuses what it does not, naming the version the program told', async () => {
    const accepted = await client.request<InstallPipelineResult>('samsara/pipelines/install', {
      file: pipeline('fr_core_news_sm', '3.8.1', '>=3.8.11,<3.9.0'),
    });
    assert.ok(accepted.ok, JSON.stringify(accepted));
    const refused = await client.request<InstallPipelineResult>('samsara/pipelines/install', {
      file: pipeline('de_core_news_sm', '3.8.2', '>=3.8.19,<3.9.0'),
    });
    assert.ok(!refused.ok);
    assert.equal(refused.kind, 'incompatible');
    assert.match(refused.message, /needs spaCy >=3\.8\.19,<3\.9\.0, but Samsara carries spaCy 3\.8\.18/);
  });
});
