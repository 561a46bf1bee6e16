// The probe settings the client reads, with workspace trust applied: a restricted workspace
// cannot choose where transcripts go or which scenario file runs, and no workspace can choose
// a provider's base URL (user settings only, and none at all when the workspace is untrusted).
import * as vscode from 'vscode';
import { z } from 'zod';

const SECTION = 'samsara.probes';
const modelsSchema = z.array(z.string().trim().min(1));
const baseUrlsSchema = z.record(z.string(), z.string());

function probes(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

export function models(log: vscode.LogOutputChannel): string[] {
  const raw: unknown = probes().get('models');
  const parsed = modelsSchema.safeParse(raw ?? []);
  if (parsed.success) return [...new Set(parsed.data)];
  log.warn(`Setting samsara.probes.models is not a list of provider:model names; offering none`);
  return [];
}

export function userScenarios(): unknown {
  return probes().get('scenarios');
}

/** A restricted setting's value: the workspace's only when the workspace is trusted. */
function trustedString(key: string, fallback: string): string {
  const inspected = probes().inspect<string>(key);
  const value = vscode.workspace.isTrusted ? probes().get<string>(key) : (inspected?.globalValue ?? inspected?.defaultValue);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}

export function scenarioFile(): string {
  return trustedString('scenarioFile', '.samsara/scenarios.yaml');
}

export function transcriptFolder(): string {
  return trustedString('transcriptFolder', '.samsara/probes');
}

/** The user-settings base URL override for a provider; never a workspace value, never when untrusted. */
export function baseUrlFor(provider: string, log: vscode.LogOutputChannel): string | undefined {
  if (!vscode.workspace.isTrusted) return undefined;
  const global: unknown = probes().inspect('baseUrls')?.globalValue;
  if (global === undefined) return undefined;
  const parsed = baseUrlsSchema.safeParse(global);
  if (!parsed.success) {
    log.warn('Setting samsara.probes.baseUrls must map provider ids to URLs; ignoring it');
    return undefined;
  }
  return parsed.data[provider];
}
