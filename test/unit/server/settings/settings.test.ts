import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Logger } from '../../../../server/src/logger';
import { defaultSettings, SettingsValidator } from '../../../../server/src/settings/settings';

function memoryLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, error: (m) => warnings.push(m), warn: (m) => warnings.push(m), info() {}, debug() {} };
}

describe('settings validation', () => {
  it('reads nested sections as VS Code sends them', () => {
    const validator = new SettingsValidator(memoryLog());
    const s = validator.parse(
      { enable: false, sidecar: { path: '/x', startTimeoutMs: 2000 }, diagnostics: { severity: 'Hint', labels: ['GPE'] } },
      'test',
    );
    assert.equal(s.enable, false);
    assert.equal(s['sidecar.path'], '/x');
    assert.equal(s['sidecar.startTimeoutMs'], 2000);
    assert.equal(s['diagnostics.severity'], 'Hint');
    assert.deepEqual(s['diagnostics.labels'], ['GPE']);
    assert.equal(s['sidecar.pipeline'], 'en_core_web_sm');
  });

  it('reads dotted keys as other clients may send them', () => {
    const s = new SettingsValidator(memoryLog()).parse({ 'analysis.debounceMs': 0, 'diagnostics.severity': 'Error' }, 'test');
    assert.equal(s['analysis.debounceMs'], 0);
    assert.equal(s['diagnostics.severity'], 'Error');
  });

  it('replaces a bad value by its default, logs key, value and source once, keeps the rest', () => {
    const log = memoryLog();
    const validator = new SettingsValidator(log);
    const raw = { diagnostics: { severity: 'Loud', labels: ['PERSON'] }, sidecar: { startTimeoutMs: 5 }, languages: 'markdown' };
    const s = validator.parse(raw, 'workspace/configuration for file:///a');
    assert.equal(s['diagnostics.severity'], 'Hint');
    assert.equal(s['sidecar.startTimeoutMs'], 15_000);
    assert.deepEqual(s.languages, ['plaintext', 'markdown', 'latex', 'tex', 'restructuredtext', 'typst', 'asciidoc', 'org']);
    assert.deepEqual(s['diagnostics.labels'], ['PERSON']);
    assert.equal(log.warnings.length, 3);
    const severity = log.warnings.find((w) => w.includes('samsara.diagnostics.severity'));
    assert.ok(severity?.includes('"Loud"') && severity.includes('file:///a') && severity.includes('"Hint"'), severity);
    validator.parse(raw, 'workspace/configuration for file:///a');
    assert.equal(log.warnings.length, 3, 'the same bad value is not logged again');
  });

  it('treats null and a missing section as defaults, a non-object section as an error', () => {
    const log = memoryLog();
    const validator = new SettingsValidator(log);
    assert.deepEqual(validator.parse(null, 'x'), defaultSettings());
    assert.deepEqual(validator.parse({ enable: null }, 'x'), defaultSettings());
    assert.deepEqual(validator.parse('nonsense', 'x'), defaultSettings());
    assert.equal(log.warnings.length, 1);
  });
});

describe('label settings', () => {
  it('hide the numeric labels by default, diagnose every shown label, cap diagnostics at 1,000', () => {
    const s = defaultSettings();
    assert.deepEqual([...s.hiddenLabels].sort(), ['CARDINAL', 'ORDINAL', 'PERCENT', 'QUANTITY']);
    assert.deepEqual(s['diagnostics.labels'], []);
    assert.equal(s['diagnostics.maxPerDocument'], 1000);
    assert.equal(s['diagnostics.severity'], 'Hint');
  });

  it('take an empty hidden list (show everything) and reject a negative cap', () => {
    const log = memoryLog();
    const s = new SettingsValidator(log).parse({ hiddenLabels: [], diagnostics: { maxPerDocument: -1 } }, 'test');
    assert.deepEqual(s.hiddenLabels, []);
    assert.equal(s['diagnostics.maxPerDocument'], 1000);
    assert.equal(log.warnings.length, 1);
  });
});
