// The probe settings the client itself reads. Everything the probe needs to run (scenarios, base
// URLs, timeouts) the server reads; the client only needs the models to offer and where to save
// transcripts, the latter under the workspace-trust rule (client/src/workspaceTrust.ts).
import * as vscode from 'vscode';
import { z } from 'zod';
import { restrictedSetting } from '../workspaceTrust';

const modelsSchema = z.array(z.string().trim().min(1));
const DEFAULT_TRANSCRIPT_FOLDER = '.samsara/probes';

export function models(log: vscode.LogOutputChannel): string[] {
  const raw: unknown = vscode.workspace.getConfiguration('samsara.probes').get('models');
  const parsed = modelsSchema.safeParse(raw ?? []);
  if (parsed.success) return [...new Set(parsed.data)];
  log.warn(`Setting samsara.probes.models is not a list of provider:model names; offering none`);
  return [];
}

export function transcriptFolder(): string {
  const value = restrictedSetting('probes.transcriptFolder');
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_TRANSCRIPT_FOLDER;
}
