// Workspace trust for settings. In a restricted (untrusted) workspace a repository must not be
// able to make the editor run an executable of its choosing: VS Code already hides workspace
// values of the `restrictedConfigurations` declared in package.json, and the client enforces the
// same rule itself before anything reaches the server (defence in depth, and editors forked from
// VS Code do not all implement that part of the manifest).
//
// Pure functions over plain JSON, so they are unit-tested without an editor.

/**
 * Keys (relative to `samsara`) whose workspace values are ignored in restricted mode: the
 * manifest's `capabilities.untrustedWorkspaces.restrictedConfigurations`, which a unit test keeps
 * equal to this list.
 */
export const RESTRICTED_KEYS = [
  'sidecar.path',
  'sidecar.pipeline',
  'probes.scenarioFile',
  'probes.transcriptFolder',
  'trace.server',
] as const;

export type RestrictedKey = (typeof RESTRICTED_KEYS)[number];

/**
 * Keys read from the user's settings only, in every workspace, trusted or not (issue 20): the
 * cost guards, which a repository must not be able to switch off, the permission to run a
 * workspace file's REGEX patterns, and the probe store's address (a repository must not point the
 * editor, and the password it sends, at a database of its choosing). The manifest declares them `"scope": "application"` (VS Code
 * then ignores workspace values) and lists them among the restricted configurations; the client
 * enforces it too, before anything reaches the server.
 */
export const USER_ONLY_KEYS = [
  'probes.confirmAboveUsd',
  'probes.confirmAboveChars',
  'probes.prices',
  'entities.allowWorkspaceRegex',
  'probes.store',
] as const;

export type UserOnlyKey = (typeof USER_ONLY_KEYS)[number];

/** The value a restricted key takes when the workspace is not trusted: user settings, else default. */
export type TrustedValues = Record<RestrictedKey, unknown>;
/** Values that replace whatever the editor answered for these keys (only the keys present). */
export type Overrides = Partial<Record<RestrictedKey | UserOnlyKey, unknown>>;

/** A user-only key's value: the user's own, else the default; in a restricted workspace a permission is never given. */
export function userOnlyValue(
  key: UserOnlyKey,
  inspected: { globalValue?: unknown; defaultValue?: unknown } | undefined,
  trustedWorkspace: boolean,
): unknown {
  if (key === 'entities.allowWorkspaceRegex' && !trustedWorkspace) return false;
  return inspected?.globalValue ?? inspected?.defaultValue;
}

/**
 * Where a key's default itself points into the workspace, a restricted workspace gets this
 * instead: the default scenario file is a file of the repository, so none is read.
 */
const UNTRUSTED_DEFAULTS: Partial<Record<RestrictedKey, unknown>> = { 'probes.scenarioFile': '' };

/** The value one restricted key takes in a restricted workspace: the user's, else a safe default. */
export function untrustedValue(key: RestrictedKey, inspected: { globalValue?: unknown; defaultValue?: unknown } | undefined): unknown {
  return inspected?.globalValue ?? (key in UNTRUSTED_DEFAULTS ? UNTRUSTED_DEFAULTS[key] : inspected?.defaultValue);
}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rewrites the answer to one `workspace/configuration` item so that every restricted key inside
 * it holds its trusted value. `section` is the item's section ('samsara', 'samsara.sidecar',
 * 'samsara.sidecar.path', or unrelated); the answer is what VS Code returned for it.
 */
export function sanitizeConfigurationItem(section: string | undefined, answer: Json, trusted: Overrides): Json {
  if (section === undefined || section === '') {
    // The whole configuration tree: the `samsara` section sits inside it.
    if (!isRecord(answer) || !('samsara' in answer)) return answer;
    return { ...answer, samsara: sanitizeConfigurationItem('samsara', answer.samsara, trusted) };
  }
  if (section !== 'samsara' && !section.startsWith('samsara.')) return answer;
  const prefix = section === 'samsara' ? [] : section.slice('samsara.'.length).split('.');
  let result = answer;
  for (const key of [...RESTRICTED_KEYS, ...USER_ONLY_KEYS]) {
    if (!(key in trusted)) continue;
    const path = key.split('.');
    if (startsWith(path, prefix)) {
      // The item lies above the key (or is the key): overwrite the key inside the answer.
      const rest = path.slice(prefix.length);
      result = rest.length === 0 ? trusted[key] : setPath(result, rest, trusted[key]);
    }
  }
  return result;
}

function startsWith(path: string[], prefix: string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => part === path[i]);
}

function setPath(node: Json, path: string[], value: Json): Json {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const base: Record<string, Json> = isRecord(node) ? { ...node } : {};
  // A dotted key ({"sidecar.path": ...}) is how some callers flatten the section: replace it too.
  const dotted = path.join('.');
  if (dotted in base) base[dotted] = value;
  base[head] = setPath(base[head], rest, value);
  return base;
}

/** True for /abs, C:\abs, C:/abs and \\server\share: what "absolute" means for a folder setting. */
export function isAbsolutePath(value: string): boolean {
  return /^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(value.trim());
}

export interface InspectedSetting {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  defaultValue?: unknown;
}

/**
 * The transcript folder rule, where the origin of a value is known: a workspace may name a folder
 * inside itself (the server refuses `..`), never an absolute path; only the user's own settings
 * may. Returns the value to use instead and why, or undefined when the value may stand.
 */
export function transcriptFolderOverride(inspected: InspectedSetting | undefined): { value: unknown; problem: string } | undefined {
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (typeof fromWorkspace !== 'string' || !isAbsolutePath(fromWorkspace)) return undefined;
  return {
    value: inspected?.globalValue ?? inspected?.defaultValue,
    problem: `Ignoring the workspace's samsara.probes.transcriptFolder "${fromWorkspace}": a workspace may only name a folder inside itself; an absolute folder belongs in your user settings.`,
  };
}
