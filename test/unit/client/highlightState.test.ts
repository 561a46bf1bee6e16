// Entity highlighting's on/off state, its reason, and what each toggle writes: the toggle writes
// where the state comes from and removes the setting when the scopes below would give the new
// value anyway, so toggling twice leaves the settings as they were.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enableReason, enableState, isEmptySettingsText, planToggle } from '../../../client/src/highlightState';

const DEFAULT_HIDDEN = ['CARDINAL', 'ORDINAL', 'QUANTITY', 'PERCENT'];

describe('highlighting state', () => {
  it('comes from the most specific scope that sets it', () => {
    assert.deepEqual(enableState({ defaultValue: true }), { on: true, from: 'default' });
    assert.deepEqual(enableState({ defaultValue: true, globalValue: false }), { on: false, from: 'user' });
    assert.deepEqual(enableState({ defaultValue: true, globalValue: false, workspaceValue: true }), { on: true, from: 'workspace' });
  });

  it("in a window on one folder, the folder's value is the workspace's (inspect reports it twice)", () => {
    const single = { defaultValue: true, workspaceValue: false, workspaceFolderValue: false, singleFolder: true };
    assert.deepEqual(enableState(single), { on: false, from: 'workspace' });
    assert.equal(enableReason(single, DEFAULT_HIDDEN), 'Off in this workspace’s settings');
    assert.deepEqual(planToggle(single, 'workspace'), { target: 'workspace', value: undefined, on: true });
    // In a multi-root workspace the folder's own value wins, and is what a toggle flips.
    assert.deepEqual(enableState({ ...single, singleFolder: false }), { on: false, from: 'folder' });
  });

  it('says why, naming the label filter when it hides labels', () => {
    assert.equal(enableReason({ defaultValue: true }, DEFAULT_HIDDEN), 'On by default');
    assert.equal(enableReason({ defaultValue: true, globalValue: false }, DEFAULT_HIDDEN), 'Off in your user settings');
    assert.equal(enableReason({ defaultValue: true, workspaceValue: false }, DEFAULT_HIDDEN), 'Off in this workspace’s settings');
    assert.equal(
      enableReason({ defaultValue: true, globalValue: false, workspaceValue: true }, DEFAULT_HIDDEN),
      'On in this workspace’s settings (off in your user settings)',
    );
    assert.equal(enableReason({ defaultValue: true }, ['DATE', 'money']), 'On by default, hiding DATE, MONEY (samsara.hiddenLabels)');
    assert.equal(enableReason({ defaultValue: true }, []), 'On by default, every label shown');
  });
});

describe('toggles', () => {
  it('the user toggle turns off in user settings, and back on by removing the setting', () => {
    assert.deepEqual(planToggle({ defaultValue: true }, 'auto'), { target: 'user', value: false, on: false });
    assert.deepEqual(planToggle({ defaultValue: true, globalValue: false }, 'auto'), { target: 'user', value: undefined, on: true });
  });

  it('the status item flips a workspace’s own value where it is, removing it when the user’s value agrees', () => {
    assert.deepEqual(planToggle({ defaultValue: true, workspaceValue: false }, 'auto'), {
      target: 'workspace',
      value: undefined,
      on: true,
    });
    assert.deepEqual(planToggle({ defaultValue: true, globalValue: false, workspaceValue: true }, 'auto'), {
      target: 'workspace',
      value: undefined,
      on: false,
    });
  });

  it('the workspace toggle writes, then removes what it wrote', () => {
    const first = planToggle({ defaultValue: true }, 'workspace');
    assert.deepEqual(first, { target: 'workspace', value: false, on: false });
    assert.deepEqual(planToggle({ defaultValue: true, workspaceValue: first.value }, 'workspace'), {
      target: 'workspace',
      value: undefined,
      on: true,
    });
    // Off for the user: the workspace can turn it on for itself, and back.
    assert.deepEqual(planToggle({ defaultValue: true, globalValue: false }, 'workspace'), { target: 'workspace', value: true, on: true });
  });

  it('knows a settings file that holds nothing', () => {
    assert.ok(isEmptySettingsText('{\n}\n'));
    assert.ok(isEmptySettingsText('// made by the editor\n{ /* nothing */ }'));
    assert.ok(!isEmptySettingsText('{ "editor.fontSize": 14 }'));
    assert.ok(!isEmptySettingsText('{ "a": "http://x" }'));
  });
});
