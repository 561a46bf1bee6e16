// The compare view: one webview per comparison (a group of saved transcripts), beside the editor,
// rendered by compareHtml.ts. Opened by Compare Models with the transcripts just received, and
// reopened from the history with the saved ones (the server reads and migrates them). No script
// runs in it and it loads nothing: localResourceRoots is empty and the page's CSP allows only its
// own nonced style. "Open as Markdown" (its title bar) saves the same comparison as Markdown.
// A campaign's results (campaignHtml.ts) show in the same kind of panel, one per campaign.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { campaignGroup, ReadTranscriptsRequest, readTranscriptsResultSchema, type CampaignResult } from '../../../shared/lsp';
import type { Transcript } from '../../../shared/probes/transcript';
import { campaignHtml } from './campaignHtml';
import { compareHtml, type CompareFailure } from './compareHtml';
import { openComparison } from './transcriptPreview';

export const COMPARE_VIEW_TYPE = 'samsara.compare';
/** A campaign's results: its own type, so "Open as Markdown" (of a comparison) is not offered on it. */
export const CAMPAIGN_VIEW_TYPE = 'samsara.campaignResults';

export type { CompareFailure } from './compareHtml';

interface Shown {
  panel: vscode.WebviewPanel;
  transcripts: Transcript[];
  failures: CompareFailure[];
  /** The saved files, when known (Open as Markdown needs them). */
  files: string[];
  /** A campaign's results, when the view shows them. */
  campaign?: CampaignResult;
}

export class CompareViews implements vscode.Disposable {
  private readonly shown = new Map<string, Shown>();
  private active: string | undefined;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /**
   * Shows a comparison (a group id, or the files' names as the key), replacing what its panel
   * showed. `failures`: chosen models without a transcript, listed with the reason.
   */
  show(key: string, transcripts: Transcript[], files: string[] = [], failures: CompareFailure[] = []): void {
    const title = `Compare: ${transcripts[0]?.scenario.title ?? 'probes'} (${transcripts.length + failures.length})`;
    const entry = this.entryFor(key, title, COMPARE_VIEW_TYPE);
    entry.transcripts = transcripts;
    entry.failures = failures;
    entry.files = files.length > 0 ? files : entry.files;
    this.render(key, entry, title, compareHtml(transcripts, randomBytes(16).toString('hex'), failures));
  }

  /** Shows a campaign's results (one column per model, a row per passage × scenario), replacing its last run's. */
  showCampaign(result: CampaignResult): void {
    const key = campaignGroup(result.campaign);
    const title = `Campaign: ${result.campaign}`;
    const entry = this.entryFor(key, title, CAMPAIGN_VIEW_TYPE);
    Object.assign(entry, { transcripts: [], failures: [], files: [], campaign: result });
    this.render(key, entry, title, campaignHtml(result, randomBytes(16).toString('hex')));
  }

  private entryFor(key: string, title: string, viewType: string): Shown {
    const known = this.shown.get(key);
    if (known) return known;
    const panel = vscode.window.createWebviewPanel(
      viewType,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: false, enableCommandUris: false, enableForms: false, localResourceRoots: [] },
    );
    const entry: Shown = { panel, transcripts: [], files: [], failures: [] };
    this.shown.set(key, entry);
    panel.onDidDispose(() => this.shown.delete(key));
    panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) this.active = key;
    });
    return entry;
  }

  private render(key: string, entry: Shown, title: string, html: string): void {
    entry.panel.title = title;
    entry.panel.webview.html = html;
    entry.panel.reveal(undefined, false);
    this.active = key;
  }

  /** Reopens saved transcripts: every one of a comparison group, or the files named. */
  async open(client: LanguageClient, request: { group?: string; json?: string[] }): Promise<void> {
    const resource = vscode.window.activeTextEditor?.document.uri.toString();
    const answer = readTranscriptsResultSchema.safeParse(
      await client.sendRequest(ReadTranscriptsRequest, { ...request, ...(resource ? { resource } : {}) }),
    );
    if (!answer.success) throw new Error(`The language server sent invalid transcripts: ${answer.error.issues[0]?.message}`);
    for (const p of answer.data.problems) this.log.warn(`Compare: skipped ${p.file}: ${p.problem}`);
    const found = answer.data.transcripts;
    if (found.length === 0) throw new Error('None of these transcripts could be read (see the log).');
    const key = request.group ?? found.map((f) => f.json).join('|');
    this.show(
      key,
      found.map((f) => f.transcript),
      found.map((f) => f.json),
    );
  }

  /** "Open as Markdown" of the active compare view: the server writes it beside the transcripts. */
  async openMarkdown(client: LanguageClient): Promise<void> {
    const entry = this.active ? this.shown.get(this.active) : undefined;
    if (!entry || entry.files.length === 0) {
      void vscode.window.showInformationMessage('Samsara: this comparison has no saved transcripts to render.');
      return;
    }
    await openComparison(client, entry.files);
  }

  /** The transcripts a view shows (tests and the history read it). */
  failuresOf(key: string): CompareFailure[] | undefined {
    return this.shown.get(key)?.failures;
  }

  /** The campaign results a view shows (tests read it). */
  campaignOf(name: string): CampaignResult | undefined {
    return this.shown.get(campaignGroup(name))?.campaign;
  }

  /** The transcripts a view shows (tests and the history read it). */
  transcriptsOf(key: string): Transcript[] | undefined {
    return this.shown.get(key)?.transcripts;
  }

  dispose(): void {
    for (const entry of this.shown.values()) entry.panel.dispose();
    this.shown.clear();
  }
}
