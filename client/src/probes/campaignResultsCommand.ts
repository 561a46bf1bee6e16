// "Samsara: Open Campaign Results…": a campaign's results shown again in the compare view without
// running anything — from the results folder kept beside runs (Run Campaign, `samsara campaign
// run`) or from the probe store that queue workers fill. The campaign file gives the jobs and the
// expectations, judged again as the file says now. Reached from the palette, a campaign file's
// editor title or Explorer menu (its URI), and a campaign of the Probe History (its name: the
// workspace's campaign file of that name is used).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CampaignPlanRequest,
  campaignPlanSchema,
  CampaignResultsRequest,
  campaignResultSchema,
  type CampaignResult,
} from '../../../shared/lsp';
import { pickCampaign } from './campaignCommand';
import type { CompareViews } from './compareView';
import type { HistoryNode } from './historyTree';
import { storeAddress, storePassword } from './probeStore';

export interface CampaignResultsUi {
  client: LanguageClient;
  secrets: vscode.SecretStorage;
  log: vscode.LogOutputChannel;
  compare: CompareViews;
}

type Source = 'files' | 'store';

/** The workspace's campaign file whose `name` is `campaign` (the server reads each to know). */
async function fileOfCampaign(client: LanguageClient, campaign: string): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles('**/.samsara/campaigns/*.{yaml,yml}', '**/node_modules/**', 200);
  for (const uri of found) {
    const plan = campaignPlanSchema.safeParse(
      await client.sendRequest(CampaignPlanRequest, { uri: uri.toString() }).catch(() => undefined),
    );
    if (plan.success && plan.data.campaign === campaign) return uri;
  }
  return undefined;
}

async function pickSource(): Promise<Source | undefined> {
  const store = storeAddress();
  if (store === '') return 'files';
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Results kept in this workspace', description: 'from Run Campaign or samsara campaign run', source: 'files' as const },
      { label: 'The probe store', description: store.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1'), source: 'store' as const },
    ],
    { title: 'Samsara: Open the campaign results from…' },
  );
  return picked?.source;
}

export async function openCampaignResultsCommand(ui: CampaignResultsUi, target?: unknown): Promise<CampaignResult | undefined> {
  const node = target as HistoryNode | undefined;
  let uri: vscode.Uri | undefined;
  let source: Source | undefined;
  if (node && typeof node === 'object' && 'kind' in node && node.kind === 'campaign') {
    uri = await fileOfCampaign(ui.client, node.campaign);
    if (!uri) {
      void vscode.window.showWarningMessage(
        `Samsara: no campaign file named "${node.campaign}" in .samsara/campaigns/ of this workspace. Its expectations are needed to judge the results.`,
      );
      return undefined;
    }
    source = node.stored ? 'store' : 'files';
  } else {
    uri = await pickCampaign(target, 'Samsara: Open the results of which campaign?');
    if (!uri) return undefined;
    source = await pickSource();
  }
  if (!source) return undefined;
  const password = source === 'store' ? await storePassword(ui.secrets) : undefined;
  const raw = await ui.client.sendRequest(CampaignResultsRequest, { uri: uri.toString(), source, ...(password ? { password } : {}) });
  const result = campaignResultSchema.safeParse(raw);
  if (!result.success) throw new Error(`The language server sent invalid campaign results: ${result.error.issues[0]?.message}`);
  const done = result.data.rows.reduce((n, r) => n + r.cells.length, 0);
  if (done === 0) {
    const where = source === 'store' ? 'the probe store' : 'this workspace';
    void vscode.window.showInformationMessage(
      `Samsara: campaign "${result.data.campaign}" has no results in ${where} yet. Run it with "Samsara: Run Campaign…".`,
    );
  }
  ui.compare.showCampaign(result.data);
  ui.log.info(`Campaign ${result.data.campaign}: opened ${done}/${result.data.total} stored results from ${result.data.resultsFolder}.`);
  return result.data;
}
