// Every setting is declared twice: in package.json (what VS Code shows and stores) and in the
// server's zod tables (what the server accepts). These tests keep the defaults and numeric bounds
// of the two in step, so the Settings UI never documents a value the server would reject.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseProbeSettings, PROBE_SETTINGS, PROBE_SETTING_DEFAULTS } from '../../../../server/src/probes/probeSettings';
import { defaultSettings, SETTING_KEYS, SettingsValidator } from '../../../../server/src/settings/settings';
import { manifestProperties, settingsCategories, type ManifestProperty } from '../../../helpers/manifest';

const declared = manifestProperties();
const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/** Whether the validator keeps `value` for `key` (instead of falling back to the default). */
type Keeps = (key: string, value: number) => boolean;

function checkBounds(name: string, property: ManifestProperty, keeps: Keeps, key: string): void {
  if (property.minimum !== undefined) {
    assert.ok(keeps(key, property.minimum), `${name}: the manifest minimum ${property.minimum} is rejected`);
    assert.ok(!keeps(key, property.minimum - 1), `${name}: a value under the manifest minimum is accepted`);
  }
  if (property.maximum !== undefined) {
    assert.ok(keeps(key, property.maximum), `${name}: the manifest maximum ${property.maximum} is rejected`);
    assert.ok(!keeps(key, property.maximum + 1), `${name}: a value over the manifest maximum is accepted`);
  }
}

describe("package.json settings match the server's", () => {
  it('language server settings: same defaults and bounds', () => {
    const defaults = defaultSettings() as Record<string, unknown>;
    const keeps: Keeps = (key, value) =>
      (new SettingsValidator(silent).parse({ [key]: value }, 'test') as Record<string, unknown>)[key] === value;
    for (const key of SETTING_KEYS) {
      const property = declared[`samsara.${key}`];
      assert.ok(property, `samsara.${key} is not declared in package.json`);
      assert.deepEqual(property.default, defaults[key], `default of samsara.${key}`);
      checkBounds(`samsara.${key}`, property, keeps, key);
    }
  });

  it('probe settings: same defaults and bounds', () => {
    const keeps: Keeps = (key, value) => (parseProbeSettings({ [key]: value }).settings as Record<string, unknown>)[key] === value;
    for (const key of Object.keys(PROBE_SETTINGS) as (keyof typeof PROBE_SETTINGS)[]) {
      const property = declared[`samsara.probes.${key}`];
      assert.ok(property, `samsara.probes.${key} is not declared in package.json`);
      assert.deepEqual(property.default, PROBE_SETTING_DEFAULTS[key], `default of samsara.probes.${key}`);
      checkBounds(`samsara.probes.${key}`, property, keeps, key);
    }
  });

  it('orders the settings for a writer: their own first, the technical ones under Advanced', () => {
    const categories = settingsCategories();
    assert.deepEqual(
      categories.map((c) => c.title),
      ['Samsara', 'Samsara: Probes', 'Samsara: Workspace', 'Samsara: Advanced'],
    );
    categories.forEach((category, index) => {
      assert.equal(category.order, index, `${category.title} in its place`);
      const orders = Object.values(category.properties).map((p) => p.order);
      assert.deepEqual(orders, [...orders.keys()], `${category.title}: every setting has its order`);
    });
    // What a writer reads does not speak of the sidecar, nor of milliseconds and timeouts.
    for (const category of categories.slice(0, -1)) {
      for (const [key, property] of Object.entries(category.properties)) {
        assert.doesNotMatch(key, /sidecar|Ms$|timeout|debounce/i, `${key} belongs under Advanced`);
        assert.doesNotMatch(property.description ?? property.markdownDescription ?? '', /sidecar/i, `${key}'s description`);
      }
    }
    assert.deepEqual(Object.keys(categories[0].properties).slice(0, 2), ['samsara.enable', 'samsara.hiddenLabels']);
  });
});
