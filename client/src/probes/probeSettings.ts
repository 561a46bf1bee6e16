// The probe settings the client itself reads. Everything the probe needs to run (scenarios, base
// URLs, timeouts, prices, the transcript folder) the server reads; the client only needs the
// models to offer when a provider cannot list its own.
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
