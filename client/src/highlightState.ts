// Whether entity highlighting is on for a document, why, and what a toggle writes. Pure (the
// settings as `inspect` reports them), so unit tests read every case. A toggle flips what the
// writer sees: it writes where the current state comes from, and when the new value is what
// the scopes below would give anyway, it removes the setting instead of writing it (toggling twice
// leaves the settings as they were, and no `.vscode/settings.json` behind; see workspaceSettingsFile.ts).
import { ONTONOTES_LABELS, DEFAULT_HIDDEN_LABELS } from '../../shared/entityLabels';

export interface EnableInspect {
  defaultValue?: boolean;
  globalValue?: boolean;
  workspaceValue?: boolean;
  workspaceFolderValue?: boolean;
  /**
   * A window on one folder (no .code-workspace): there the folder's settings are the workspace's,
   * and `inspect` reports the one value twice.
   */
  singleFolder?: boolean;
}

export type EnableScope = 'default' | 'user' | 'workspace' | 'folder';
/** Where a toggle writes: the user's settings or the workspace's. */
export type ToggleTarget = 'user' | 'workspace' | 'folder';

export interface EnableState {
  on: boolean;
  /** The scope whose value decides. */
  from: EnableScope;
}

export function enableState(i: EnableInspect): EnableState {
  const folder = i.workspaceFolderValue;
  const folderIsWorkspace = i.singleFolder === true && folder === i.workspaceValue;
  if (folder !== undefined && !folderIsWorkspace) return { on: folder, from: 'folder' };
  if (i.workspaceValue !== undefined) return { on: i.workspaceValue, from: 'workspace' };
  if (i.globalValue !== undefined) return { on: i.globalValue, from: 'user' };
  return { on: i.defaultValue ?? true, from: 'default' };
}

/** What the scopes below `target` give. */
function below(i: EnableInspect, target: ToggleTarget): boolean {
  if (target === 'folder') return i.workspaceValue ?? i.globalValue ?? i.defaultValue ?? true;
  if (target === 'workspace') return i.globalValue ?? i.defaultValue ?? true;
  return i.defaultValue ?? true;
}

export interface TogglePlan {
  target: ToggleTarget;
  /** The value to write; undefined removes the setting from that scope. */
  value: boolean | undefined;
  /** Highlighting after the write. */
  on: boolean;
}

/**
 * The write that flips highlighting. `requested`: 'auto' (the status item, "Toggle Entity
 * Highlighting") writes where the state comes from; 'workspace' ("… in This Workspace") always
 * writes the workspace's settings.
 */
export function planToggle(i: EnableInspect, requested: 'auto' | 'workspace'): TogglePlan {
  const now = enableState(i);
  const next = !now.on;
  let target: ToggleTarget;
  if (requested === 'workspace') target = now.from === 'folder' ? 'folder' : 'workspace';
  else target = now.from === 'folder' || now.from === 'workspace' ? now.from : 'user';
  // A folder value above the workspace one would hide the workspace's write: flip the folder's.
  const value = next === below(i, target) ? undefined : next;
  return { target, value, on: next };
}

/** One line saying whether highlighting is on and why (the status item's detail). */
export function enableReason(i: EnableInspect, hiddenLabels: readonly string[]): string {
  const { on, from } = enableState(i);
  const where =
    from === 'folder'
      ? 'in this folder’s settings'
      : from === 'workspace'
        ? 'in this workspace’s settings'
        : from === 'user'
          ? 'in your user settings'
          : 'by default';
  if (!on) return `Off ${where}`;
  const hidden = new Set(hiddenLabels.map((l) => l.toUpperCase()));
  if (ONTONOTES_LABELS.every((label) => hidden.has(label))) return `On ${where}, but every label is hidden (samsara.hiddenLabels)`;
  const overridden = from === 'workspace' || from === 'folder' ? (i.globalValue === false ? ' (off in your user settings)' : '') : '';
  const isDefault = hidden.size === DEFAULT_HIDDEN_LABELS.length && DEFAULT_HIDDEN_LABELS.every((l) => hidden.has(l));
  const filter = hidden.size === 0 ? ', every label shown' : isDefault ? '' : `, hiding ${[...hidden].join(', ')} (samsara.hiddenLabels)`;
  return `On ${where}${overridden}${filter}`;
}

/** True when a settings.json holds no setting at all: only braces, white space and comments. */
export function isEmptySettingsText(text: string): boolean {
  const stripped = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\s+/g, '');
  return stripped === '{}' || stripped === '';
}
