// Entry point: creates the log channel and the client context, registers the commands and the
// Entities view, and starts the language server once a document needs it (firstRun.ts, which also
// shows the walkthrough once). Everything else lives in ctx.ts (lifecycle) and its helpers.
import * as vscode from 'vscode';
import { registerCommandLineCommands } from './cli/installCommandLine';
import { registerCommands } from './commands';
import * as config from './config';
import { Ctx, documentSelector } from './ctx';
import { registerDictionaryCommands } from './dictionaries';
import { registerEntityRuleCommands } from './entityRules/entityRuleCommands';
import { showWalkthroughOnce, startWhenNeeded } from './firstRun';
import type { DocumentEntities, SidecarStatusParams } from '../../shared/lsp';
import { registerProbeCommands } from './probes';
import { trackApiKeys } from './probes/apiKeys';
import { RedactingLogChannel, SecretSet } from './redactingLog';
import { registerEntitiesView } from './views/entitiesView';
import { registerAppearancesView } from './views/appearancesView';
import { registerPipelines } from './pipelines/registerPipelines';
import type { DocumentLanguageParams } from '../../shared/pipelines';

let ctx: Ctx | undefined;

/** What activate returns: read by the desktop e2e suite (and any extension that depends on ours). */
export interface SamsaraApi {
  /** The sidecar's last reported status: state, reason, model, pid. */
  sidecarStatus(): SidecarStatusParams;
  /** What the Entities view lists now (after its filter); undefined while it shows no model. */
  listedEntities(): DocumentEntities | undefined;
  /** The active document's language as the status item shows it (undefined before the server said). */
  documentLanguage(): DocumentLanguageParams | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<SamsaraApi> {
  // Every line of the log (and of the LSP trace, which goes to the same channel) is redacted of
  // every API key the extension holds; the keys are loaded before the server can be sent one.
  const secrets = new SecretSet();
  const channel = vscode.window.createOutputChannel('Samsara', { log: true });
  const log = new RedactingLogChannel(channel, secrets);
  context.subscriptions.push(await trackApiKeys(context.secrets, secrets));
  const current = new Ctx(context, log);
  ctx = current;
  const entitiesView = registerEntitiesView(current);
  const pipelines = registerPipelines(current, documentSelector(config.languages(log)));
  context.subscriptions.push(
    log,
    current,
    ...registerCommands(current, context),
    ...registerProbeCommands(context, current, log),
    ...entitiesView.disposables,
    ...registerAppearancesView(current),
    ...pipelines.disposables,
    // Reached from the server's code actions: the server runs by then.
    ...registerEntityRuleCommands(() => current.languageClient, log),
    ...registerDictionaryCommands(current, log),
    ...registerCommandLineCommands(context, log),
    log.onDidChangeLogLevel(() => current.applyTrace()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('samsara.languages')) {
        current.status.selector = documentSelector(config.languages(log));
        pipelines.status.selector = documentSelector(config.languages(log));
        if (!current.languageClient) return;
        log.info('samsara.languages changed; restarting the language client');
        void current.restartClient();
      } else if (event.affectsConfiguration('samsara.trace.server')) {
        current.applyTrace();
      }
    }),
    // Trust can only be granted, never revoked without a reload: settings the server ignored so
    // far may now apply.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void current.settingsChanged()),
  );
  context.subscriptions.push(startWhenNeeded(current, log));
  void showWalkthroughOnce(context, log);
  return {
    sidecarStatus: () => ({ ...current.sidecarStatus }),
    listedEntities: () => entitiesView.listed(),
    documentLanguage: () => pipelines.status.current(),
  };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
