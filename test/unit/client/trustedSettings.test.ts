import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isAbsolutePath,
  RESTRICTED_KEYS,
  sanitizeConfigurationItem,
  transcriptFolderOverride,
  untrustedValue,
  USER_ONLY_KEYS,
  userOnlyValue,
  type TrustedValues,
} from '../../../client/src/trustedSettings';

const trusted: TrustedValues = {
  'sidecar.path': '',
  'sidecar.pipeline': 'en_core_web_sm',
  'probes.scenarioFile': '.samsara/scenarios.yaml',
  'probes.transcriptFolder': '.samsara/probes',
  'trace.server': 'off',
};

const fromWorkspace = {
  enable: true,
  sidecar: { path: '/repo/evil.sh', pipeline: '/repo/model', startTimeoutMs: 9000 },
  probes: { scenarioFile: '/etc/passwd', transcriptFolder: '/tmp/x', timeoutMs: 5 },
  trace: { server: 'verbose' },
};

test('the samsara section keeps ordinary values and loses workspace values of restricted keys', () => {
  assert.deepEqual(sanitizeConfigurationItem('samsara', fromWorkspace, trusted), {
    enable: true,
    sidecar: { path: '', pipeline: 'en_core_web_sm', startTimeoutMs: 9000 },
    probes: { scenarioFile: '.samsara/scenarios.yaml', transcriptFolder: '.samsara/probes', timeoutMs: 5 },
    trace: { server: 'off' },
  });
});

test('only the keys given are overridden (a trusted workspace with one rule to apply)', () => {
  assert.deepEqual(sanitizeConfigurationItem('samsara.probes', fromWorkspace.probes, { 'probes.transcriptFolder': '.samsara/probes' }), {
    scenarioFile: '/etc/passwd',
    transcriptFolder: '.samsara/probes',
    timeoutMs: 5,
  });
});

test('a workspace may not send transcripts to an absolute folder; the user may', () => {
  const fromRepo = transcriptFolderOverride({ workspaceValue: '/tmp/elsewhere', globalValue: undefined, defaultValue: '.samsara/probes' });
  assert.equal(fromRepo?.value, '.samsara/probes');
  assert.match(fromRepo?.problem ?? '', /Ignoring the workspace's samsara.probes.transcriptFolder "\/tmp\/elsewhere"/);
  assert.equal(
    transcriptFolderOverride({ workspaceFolderValue: 'C:\\Users\\x', globalValue: '/home/me/t', defaultValue: '.samsara/probes' })?.value,
    '/home/me/t',
  );
  assert.equal(
    transcriptFolderOverride({ workspaceValue: 'notes/probes', defaultValue: '.samsara/probes' }),
    undefined,
    'relative stays (the server keeps it inside)',
  );
  assert.equal(
    transcriptFolderOverride({ globalValue: '/home/me/transcripts', defaultValue: '.samsara/probes' }),
    undefined,
    'user-level absolute stays',
  );
  assert.deepEqual(['/a', 'C:\\a', 'c:/a', '\\\\srv\\share', 'a/b', '../a', '~/a'].map(isAbsolutePath), [
    true,
    true,
    true,
    true,
    false,
    false,
    false,
  ]);
});

test('a sub-section and a single key are rewritten too', () => {
  assert.deepEqual(sanitizeConfigurationItem('samsara.sidecar', fromWorkspace.sidecar, trusted), {
    path: '',
    pipeline: 'en_core_web_sm',
    startTimeoutMs: 9000,
  });
  assert.equal(sanitizeConfigurationItem('samsara.sidecar.path', '/repo/evil.sh', trusted), '');
  assert.equal(sanitizeConfigurationItem('samsara.sidecar.startTimeoutMs', 9000, trusted), 9000);
});

test('dotted keys and the whole tree are covered', () => {
  const dotted = { 'sidecar.path': '/repo/evil.sh' };
  const result = sanitizeConfigurationItem('samsara', dotted, trusted) as Record<string, unknown>;
  assert.equal(result['sidecar.path'], '');
  const tree = sanitizeConfigurationItem(undefined, { samsara: fromWorkspace, editor: { x: 1 } }, trusted) as {
    samsara: { sidecar: { path: string } };
    editor: unknown;
  };
  assert.equal(tree.samsara.sidecar.path, '');
  assert.deepEqual(tree.editor, { x: 1 });
});

test('unrelated sections pass through untouched', () => {
  assert.deepEqual(sanitizeConfigurationItem('editor', { path: '/x' }, trusted), { path: '/x' });
  assert.deepEqual(sanitizeConfigurationItem('samsaraOther', { sidecar: { path: '/x' } }, trusted), { sidecar: { path: '/x' } });
});

test('a user (trusted) sidecar path survives', () => {
  const user = { ...trusted, 'sidecar.path': '/home/me/backend' };
  assert.deepEqual(sanitizeConfigurationItem('samsara.sidecar', { path: '/repo/evil.sh' }, user), {
    path: '/home/me/backend',
    pipeline: 'en_core_web_sm',
  });
});

test('the restricted keys are exactly the manifest restrictedConfigurations', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  };
  const declared = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.deepEqual([...RESTRICTED_KEYS, ...USER_ONLY_KEYS].map((key) => `samsara.${key}`).sort(), [...declared].sort());
});

// Issue 20, attack 7: workspace settings switched the cost guards off.
test('the cost guards and the regex permission are application-scoped in the manifest: workspace values never apply', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> }[] };
  };
  const properties = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<
    string,
    { scope?: string }
  >;
  for (const key of USER_ONLY_KEYS) assert.equal(properties[`samsara.${key}`]?.scope, 'application', key);
});

test('a workspace cannot switch the cost guards off, trusted or not: the user value, else the default, is sent', () => {
  const inspected = { globalValue: undefined, workspaceValue: 1e9, defaultValue: 0.1 };
  const overrides = Object.fromEntries(USER_ONLY_KEYS.map((key) => [key, userOnlyValue(key, inspected, true)]));
  const fromRepo = { probes: { confirmAboveUsd: 1e9, confirmAboveChars: 1e9, prices: {}, timeoutMs: 5 } };
  const sent = sanitizeConfigurationItem('samsara', fromRepo, overrides) as typeof fromRepo;
  assert.deepEqual(sent.probes, { confirmAboveUsd: 0.1, confirmAboveChars: 0.1, prices: 0.1, store: 0.1, timeoutMs: 5 });
  assert.equal(userOnlyValue('probes.confirmAboveUsd', { globalValue: 2, defaultValue: 0.1 }, false), 2);
});

test('the regex permission holds only in a trusted workspace, and only from the user settings', () => {
  assert.equal(userOnlyValue('entities.allowWorkspaceRegex', { globalValue: true, defaultValue: false }, true), true);
  assert.equal(userOnlyValue('entities.allowWorkspaceRegex', { globalValue: true, defaultValue: false }, false), false);
  assert.equal(userOnlyValue('entities.allowWorkspaceRegex', { defaultValue: false }, true), false);
});

test('in a restricted workspace a key takes the user value, else a default that points nowhere into the workspace', () => {
  assert.equal(untrustedValue('sidecar.path', { globalValue: '/home/me/sidecar', defaultValue: '' }), '/home/me/sidecar');
  assert.equal(untrustedValue('sidecar.pipeline', { defaultValue: 'en_core_web_sm' }), 'en_core_web_sm');
  // The default scenario file is a file of the repository: a restricted workspace reads none.
  assert.equal(untrustedValue('probes.scenarioFile', { defaultValue: '.samsara/scenarios.yaml' }), '');
  assert.equal(
    untrustedValue('probes.scenarioFile', { globalValue: '~/scenarios.yaml', defaultValue: '.samsara/scenarios.yaml' }),
    '~/scenarios.yaml',
  );
});
