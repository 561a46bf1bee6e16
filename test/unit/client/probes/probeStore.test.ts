// The probe store's setting and its place in the Probe History: the address comes from the
// user's settings only (application scope, a restricted configuration, and the client overrides
// any workspace value), a password written into it is refused without being echoed, and the
// store's transcripts are grouped by campaign under one node (or the node says why it could not
// be read). Also the compare view's words for results opened again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { campaignHtml } from '../../../../client/src/probes/campaignHtml';
import { storeNodes } from '../../../../client/src/probes/historyTree';
import { sanitizeConfigurationItem, USER_ONLY_KEYS, userOnlyValue } from '../../../../client/src/trustedSettings';
import { parseProbeSettings } from '../../../../server/src/probes/probeSettings';
import { storeAddressSchema, type StoreEntry } from '../../../../shared/probes/storeMessages';

interface Manifest {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> }[] };
}
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('samsara.probes.store: user settings only', () => {
  it('is application-scoped, a restricted configuration, and one of the keys the client takes from user settings', () => {
    const properties = Object.assign(
      {},
      ...manifest.contributes.configuration.map((c) => c.properties),
    ) as Manifest['contributes']['configuration'][0]['properties'];
    assert.equal(properties['samsara.probes.store']?.scope, 'application');
    assert.equal(properties['samsara.probes.store']?.default, '');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('samsara.probes.store'));
    assert.ok((USER_ONLY_KEYS as readonly string[]).includes('probes.store'));
  });

  it('a workspace value never reaches the server, trusted or not', () => {
    const mine = 'postgresql://me@db.example:5432/probes';
    for (const trusted of [true, false]) {
      const value = userOnlyValue('probes.store', { globalValue: mine, defaultValue: '' }, trusted);
      const sent = sanitizeConfigurationItem(
        'samsara.probes',
        { store: 'postgresql://repo@evil.example/db', timeoutMs: 5 },
        { 'probes.store': value },
      );
      assert.deepEqual(sent, { store: mine, timeoutMs: 5 });
      // The editor's inspect() of a key set in the workspace only: no user value, so the default.
      const inspected: { globalValue?: unknown; defaultValue?: unknown } = { defaultValue: '' };
      assert.equal(userOnlyValue('probes.store', inspected, trusted), '');
    }
  });

  it('an address with a password in it is refused, and the password is not repeated', () => {
    assert.ok(storeAddressSchema.safeParse('').success);
    assert.ok(storeAddressSchema.safeParse('postgresql://me@db.example:5432/probes').success);
    assert.ok(!storeAddressSchema.safeParse('mysql://me@db.example/probes').success);
    const { settings, problems } = parseProbeSettings({ store: 'postgresql://me:hunter2-Secret@db.example/probes' });
    assert.equal(settings.store, '');
    assert.equal(problems.length, 1);
    assert.match(
      problems[0],
      /samsara\.probes\.store: the address holds a password: remove it and use "Samsara: Set Probe Store Password…"/,
    );
    assert.ok(!problems[0].includes('hunter2'));
  });
});

function entry(campaign: string, model: string, passage: string): StoreEntry {
  return {
    campaign,
    key: `${campaign}-${model}-${passage}`,
    model,
    scenarioId: 'brief',
    scenarioTitle: 'Brief',
    passage,
    repeat: 1,
    outcome: passage === 'late' ? 'failed' : 'completed',
    startedAt: '2026-03-04T05:06:07.000Z',
    worker: 'desk-1:42',
  };
}

describe('the probe store in the Probe History', () => {
  it('groups the store’s transcripts by campaign under one node; nothing when no store is set', () => {
    const history = {
      store: 'postgresql://db.example:5432/probes',
      truncated: false,
      entries: [
        entry('news', 'openai:gpt-5.4-mini', 'ada'),
        entry('news', 'anthropic:claude-haiku-4-5', 'ada'),
        entry('weekly', 'openai:gpt-5.4-mini', 'late'),
      ],
    };
    const [store, ...rest] = storeNodes({ history });
    assert.equal(rest.length, 0);
    assert.ok(store.kind === 'store');
    assert.equal(store.description, 'postgresql://db.example:5432/probes · 3 transcripts');
    const campaigns = store.children.map((c) => (c.kind === 'campaign' ? [c.label, c.description, c.stored, c.children.length] : []));
    assert.deepEqual(campaigns, [
      ['Campaign: news', '2 runs, 2 models', true, 2],
      ['Campaign: weekly', '1 run, 1 model', true, 1],
    ]);
    const weekly = store.children[1];
    assert.ok(weekly.kind === 'campaign' && weekly.children[0].kind === 'stored');
    assert.match(weekly.children[0].description, /^brief · late · failed$/);
    assert.deepEqual(storeNodes({ history: { store: '', entries: [], truncated: false } }), []);
    assert.deepEqual(storeNodes(undefined), []);
  });

  it('a store that cannot be read is one node with the reason; the rest of the history is unaffected', () => {
    const nodes = storeNodes({ problem: 'Cannot reach the probe store at postgresql://db.example/probes (connect ECONNREFUSED).' });
    assert.deepEqual(
      nodes.map((n) => (n.kind === 'store' ? [n.label, n.problem, n.children.length] : [])),
      [['Probe store', 'Cannot reach the probe store at postgresql://db.example/probes (connect ECONNREFUSED).', 0]],
    );
  });

  it('results opened again say where they came from and that nothing was sent', () => {
    const html = campaignHtml(
      {
        campaign: 'news',
        models: ['openai:gpt-5.4-mini'],
        rows: [{ passage: 'ada', scenario: 'brief', repeat: 1, cells: [] }],
        summaries: [],
        total: 2,
        skipped: 0,
        interrupted: true,
        passed: false,
        resultsFolder: 'postgresql://db.example:5432/probes',
        reopened: true,
      },
      'n0nce',
    );
    assert.match(html, /0\/2 jobs have results · 2 not run yet · opened from <code>postgresql:\/\/db\.example:5432\/probes<\/code>/);
    assert.match(html, /nothing was sent/);
    assert.doesNotMatch(html, /cancelled/);
  });
});
