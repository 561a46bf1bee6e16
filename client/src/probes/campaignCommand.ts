// "Samsara: Run Campaign…": picks a campaign file (the one right-clicked, the active editor's, or
// one of .samsara/campaigns/), asks the server what it would run (samsara/campaignPlan), confirms
// the job count, then runs it in the server (samsara/runCampaign) with a cancellable progress.
// Keys come from the editor's secret storage as for a single probe, only for the providers the
// campaign's models use. The results open in the compare view; Cancel keeps what finished, and a
// later run resumes.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import {
  CampaignPlanRequest,
  campaignPlanSchema,
  campaignResultSchema,
  RunCampaignRequest,
  type CampaignPlan,
  type CampaignResult,
} from '../../../shared/lsp';
import { getApiKey } from './apiKeys';
import type { CompareViews } from './compareView';

export interface CampaignUi {
  client: LanguageClient;
  secrets: vscode.SecretStorage;
  log: vscode.LogOutputChannel;
  compare: CompareViews;
  /** Called once transcripts were saved (the history view refreshes). */
  saved(): void;
}

/** Whether a file is a campaign file: a .yaml/.yml directly in a .samsara/campaigns folder. */
export function isCampaignFile(path: string): boolean {
  return /[\\/]\.samsara[\\/]campaigns[\\/][^\\/]+\.ya?ml$/.test(path);
}

/** The campaign file a command is about: the one it was given, the active editor's, or one picked. */
export async function pickCampaign(target: unknown, title = 'Samsara: Run which campaign?'): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) return target;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && isCampaignFile(active.fsPath)) return active;
  const found = await vscode.workspace.findFiles('**/.samsara/campaigns/*.{yaml,yml}', '**/node_modules/**', 200);
  if (found.length === 0) {
    void vscode.window.showInformationMessage('Samsara: no campaign file in .samsara/campaigns/ of this workspace.');
    return undefined;
  }
  if (found.length === 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title },
  );
  return picked?.uri;
}

async function confirm(plan: CampaignPlan): Promise<boolean> {
  const todo = plan.jobs - plan.done;
  if (todo === 0) return true;
  const already = plan.done > 0 ? ` (${plan.done} already done)` : '';
  const models = `${plan.models.length} model${plan.models.length === 1 ? '' : 's'}`;
  const choice = await vscode.window.showInformationMessage(
    `Run campaign "${plan.campaign}": ${todo} job${todo === 1 ? '' : 's'} on ${models}${already}?`,
    { modal: true, detail: `Each job sends a passage to a language model. Results are kept in ${plan.resultsFolder}.` },
    'Run',
  );
  return choice === 'Run';
}

export async function runCampaignCommand(ui: CampaignUi, target?: unknown): Promise<CampaignResult | undefined> {
  const uri = await pickCampaign(target);
  if (!uri) return undefined;
  // The server reads the file from disk: unsaved edits count.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) await open.save();
  const plan = campaignPlanSchema.safeParse(await ui.client.sendRequest(CampaignPlanRequest, { uri: uri.toString() }));
  if (!plan.success) throw new Error(`The language server sent an invalid campaign plan: ${plan.error.issues[0]?.message}`);
  if (!(await confirm(plan.data))) return undefined;
  const apiKeys: Record<string, string> = {};
  for (const provider of plan.data.providers) {
    const key = await getApiKey(ui.secrets, provider);
    if (key) apiKeys[provider] = key;
  }
  const workDoneToken = randomUUID();
  const raw = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Samsara: campaign ${plan.data.campaign}`, cancellable: true },
    async (progress, token) => {
      let last = 0;
      const listening = ui.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind === 'end') return;
        const percentage = value.percentage ?? last;
        progress.report({ message: value.message, increment: Math.max(0, percentage - last) });
        last = percentage;
      });
      try {
        return await ui.client.sendRequest(RunCampaignRequest, { uri: uri.toString(), apiKeys, workDoneToken }, token);
      } finally {
        listening.dispose();
      }
    },
  );
  const result = campaignResultSchema.safeParse(raw);
  if (!result.success) throw new Error(`The language server sent invalid campaign results: ${result.error.issues[0]?.message}`);
  ui.saved();
  ui.compare.showCampaign(result.data);
  const done = result.data.rows.reduce((n, r) => n + r.cells.length, 0);
  ui.log.info(`Campaign ${result.data.campaign}: ${done}/${result.data.total} jobs done${result.data.interrupted ? ', cancelled' : ''}.`);
  if (result.data.interrupted)
    void vscode.window.showInformationMessage(
      `Samsara: campaign "${result.data.campaign}" cancelled after ${done} of ${result.data.total} jobs. Run it again to finish: finished jobs are kept.`,
    );
  return result.data;
}
