// The editor side of the trust rule (pure rules in trustedSettings.ts): what a restricted key is
// worth right now, for the configuration middleware (everything the server pulls) and for the
// client's own reads (the transcript folder). One rule, one place.
import * as vscode from 'vscode';
import { SECTION } from './config';
import { RESTRICTED_KEYS, untrustedValue, type RestrictedKey, type TrustedValues } from './trustedSettings';

/** User (global) values, else safe defaults, of the settings a workspace may not choose when untrusted. */
export function trustedValues(): TrustedValues {
  const section = vscode.workspace.getConfiguration(SECTION);
  const result = {} as TrustedValues;
  for (const key of RESTRICTED_KEYS) result[key] = untrustedValue(key, section.inspect(key));
  return result;
}

/** A restricted setting as it applies: the workspace's value only when the workspace is trusted. */
export function restrictedSetting(key: RestrictedKey, scope?: vscode.ConfigurationScope): unknown {
  const section = vscode.workspace.getConfiguration(SECTION, scope);
  return vscode.workspace.isTrusted ? section.get(key) : untrustedValue(key, section.inspect(key));
}
