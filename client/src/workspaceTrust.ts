// The editor side of the trust rule (pure rules in trustedSettings.ts): what a restricted key is
// worth right now, for the configuration middleware (everything the server pulls) and for the
// client's own reads (the transcript folder). One rule, one place.
import * as vscode from 'vscode';
import { z } from 'zod';
import { SECTION } from './config';
import {
  RESTRICTED_KEYS,
  transcriptFolderOverride,
  untrustedValue,
  USER_ONLY_KEYS,
  userOnlyValue,
  type Overrides,
  type RestrictedKey,
  type TrustedValues,
} from './trustedSettings';

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

const traceSchema = z.enum(['off', 'messages', 'verbose']);

export type TraceSetting = z.infer<typeof traceSchema>;

/** Restricted: a repository's settings cannot turn on a trace of everything sent to the server. */
export function traceServer(): TraceSetting {
  const parsed = traceSchema.safeParse(restrictedSetting('trace.server'));
  return parsed.success ? parsed.data : 'off';
}

/**
 * What the configuration middleware writes over the editor's answers: in a restricted workspace
 * every restricted key's trusted value; in any workspace, the transcript folder when the
 * workspace names an absolute one (`problem` says so, for the log).
 */
export function configurationOverrides(): { overrides: Overrides; problems: string[] } {
  const overrides: Overrides = vscode.workspace.isTrusted ? {} : trustedValues();
  const section = vscode.workspace.getConfiguration(SECTION);
  for (const key of USER_ONLY_KEYS) overrides[key] = userOnlyValue(key, section.inspect(key), vscode.workspace.isTrusted);
  const problems: string[] = [];
  const folder = transcriptFolderOverride(vscode.workspace.getConfiguration(SECTION).inspect('probes.transcriptFolder'));
  if (folder && vscode.workspace.isTrusted) {
    overrides['probes.transcriptFolder'] = folder.value;
    problems.push(folder.problem);
  }
  return { overrides, problems };
}
