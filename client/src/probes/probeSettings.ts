// The probe settings the client itself reads. Everything the probe needs to run (scenarios, base
// URLs, timeouts, prices, the transcript folder) the server reads; the client only needs the
// models to offer when a provider cannot list its own, and the labels the pseudonymisation
// toggle of the scenario picker starts from.
import * as vscode from 'vscode';
import { z } from 'zod';

const modelsSchema = z.array(z.string().trim().min(1));

export function models(log: vscode.LogOutputChannel): string[] {
  const raw: unknown = vscode.workspace.getConfiguration('samsara.probes').get('models');
  const parsed = modelsSchema.safeParse(raw ?? []);
  if (parsed.success) return [...new Set(parsed.data)];
  log.warn(`Setting samsara.probes.models is not a list of provider:model names; offering none`);
  return [];
}

const labelsSchema = z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/));

/** What the pseudonymisation toggle turns on when the setting is empty: people, organisations, places. */
export const DEFAULT_PSEUDONYMIZE = ['PERSON', 'ORG', 'GPE'];

/**
 * samsara.probes.pseudonymize: the labels pseudonymised by default (empty: off). The user's and
 * the workspace's lists are joined, so a workspace can add labels but never remove the user's
 * (a repository must not be able to switch a user's pseudonymisation off).
 */
export function pseudonymize(log: vscode.LogOutputChannel): string[] {
  const inspected = vscode.workspace.getConfiguration('samsara.probes').inspect('pseudonymize');
  const labels: string[] = [];
  for (const [where, raw] of [
    ['user', inspected?.globalValue],
    ['workspace', inspected?.workspaceValue],
    ['folder', inspected?.workspaceFolderValue],
  ] as const) {
    if (raw === undefined) continue;
    const parsed = labelsSchema.safeParse(raw);
    if (parsed.success) labels.push(...parsed.data);
    else log.warn(`Setting samsara.probes.pseudonymize (${where}) is not a list of entity labels (e.g. PERSON, ORG); ignored`);
  }
  return [...new Set(labels)];
}
