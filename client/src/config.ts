// Typed reads of the client-side settings. The server validates its own settings; the client
// only needs the few that decide how it starts the server, and reads them through zod so a bad
// value falls back to its default instead of breaking activation. Restricted settings (those a
// workspace may not choose when untrusted) are read in workspaceTrust.ts.
import type { EnableInspect } from './highlightState';
import * as vscode from 'vscode';
import { z } from 'zod';

export const SECTION = 'samsara';

const languagesSchema = z.array(z.string().trim().min(1)).min(1);

export const DEFAULT_LANGUAGES: readonly string[] = [
  'plaintext',
  'markdown',
  'latex',
  'tex',
  'restructuredtext',
  'typst',
  'asciidoc',
  'org',
];

function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION, scope);
}

/** Language ids whose documents the server analyses; a bad value is logged and replaced. */
export function languages(log: vscode.LogOutputChannel): string[] {
  const raw: unknown = section().get('languages');
  const parsed = languagesSchema.safeParse(raw);
  if (parsed.success) return [...new Set(parsed.data)];
  log.warn(`Setting samsara.languages has the invalid value ${JSON.stringify(raw)}; using ${JSON.stringify(DEFAULT_LANGUAGES)}`);
  return [...DEFAULT_LANGUAGES];
}

/** Whether entity highlighting is on for a document (samsara.enable, resource scope). */
export function enabled(scope?: vscode.ConfigurationScope): boolean {
  return section(scope).get('enable') !== false;
}

/** samsara.enable as `inspect` reports it, and whether the window is on one folder (highlightState.ts). */
export function enableInspect(section: vscode.WorkspaceConfiguration): EnableInspect {
  return { ...(section.inspect<boolean>('enable') ?? {}), singleFolder: vscode.workspace.workspaceFile === undefined };
}
