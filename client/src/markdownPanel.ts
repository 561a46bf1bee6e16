// Markdown shown rendered, in a webview of our own: the Doctor's report is read, not edited, and its
// "Set API Key…" links are commands (the Markdown preview does not run command: links). The editor's
// own Markdown renderer (`markdown.api.render`, from the built-in Markdown extension) makes the
// HTML; the page runs no script (its content quotes providers' error messages) and takes the
// theme's colours and font.
import * as vscode from 'vscode';
import { escapeHtml } from './probes/compareHtml';

export interface MarkdownPanelOptions {
  viewType: string;
  title: string;
  /** Commands its links may run (command: URIs); none by default. */
  commands?: readonly string[];
}

export class MarkdownPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly options: MarkdownPanelOptions) {}

  /** Shows `markdown` rendered, in the same panel when it is still open. */
  async show(markdown: string, column: vscode.ViewColumn = vscode.ViewColumn.Active): Promise<void> {
    const body = await renderMarkdown(markdown);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(this.options.viewType, this.options.title, column, {
        enableScripts: false,
        enableCommandUris: this.options.commands ? [...this.options.commands] : false,
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else this.panel.reveal(column);
    this.panel.webview.html = pageOf(body);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

async function renderMarkdown(markdown: string): Promise<string> {
  try {
    const html = await vscode.commands.executeCommand<unknown>('markdown.api.render', markdown);
    if (typeof html === 'string') return html;
  } catch {
    // The built-in Markdown extension is disabled: the text as it is, still readable.
  }
  return `<pre>${escapeHtml(markdown)}</pre>`;
}

/** The page: no script, styles inline only, images only from https and data: URIs. */
export function pageOf(body: string): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src https: data:;">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); line-height: 1.5; max-width: 60em; padding: 0 1.5em 2em; overflow-wrap: break-word; }
a { color: var(--vscode-textLink-foreground); }
code { font-family: var(--vscode-editor-font-family); }
pre { white-space: pre-wrap; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; vertical-align: top; }
</style></head><body>${body}</body></html>`;
}
