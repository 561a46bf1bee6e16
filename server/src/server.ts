// The Samsara language server: entity diagnostics and hovers from a supervised spaCy sidecar.
// A standard LSP server over stdio (`node dist/server.js --stdio`), usable from any LSP client.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  MessageType,
  ShowMessageNotification,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './features/analysisCache';
import { toDiagnostics, visibleEntities } from './features/diagnostics';
import { DocumentAnalyzer } from './features/documentAnalyzer';
import { entityAt, hoverFor } from './features/hover';
import { LabelExplainer } from './features/labels';
import { Commands, SidecarStatusNotification, StatsRequest, type SamsaraStats } from '../../shared/lsp';
import { SAMSARA_VERSION } from '../../shared/version';
import { registerCommands } from './commands';
import { SidecarReadyPolicy } from './features/sidecarReady';
import type { Logger } from './logger';
import { registerDoctorRequest } from './doctor/doctorRequest';
import { supervisedFacts } from './doctor/sidecarFacts';
import { configureProbeEnvironment } from './probes/probeEnvironment';
import { entityCodeActions, withProbeEntityLink } from './probes/probeEntityAction';
import { registerProbeRequests } from './probes/probeRequests';
import type { SamsaraSettings } from './settings/settings';
import { SettingsStore } from './settings/settingsStore';
import { SidecarError } from './sidecar/errors';
import { createLauncher } from './sidecar/launchSidecar';
import { locateSidecar } from './sidecar/locateSidecar';
import { killAllSidecarsSync } from './sidecar/sidecarProcess';
import { SidecarSupervisor, type SidecarConfig } from './sidecar/supervisor';

// Whatever ends this process (exit notification, closed stdin, a signal), no sidecar outlives it.
process.on('exit', killAllSidecarsSync);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => process.exit(0));

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let verbose = process.env.SAMSARA_LOG === 'debug';
const log: Logger = {
  error: (m) => connection.console.error(m),
  warn: (m) => connection.console.warn(m),
  info: (m) => connection.console.info(m),
  debug: (m) => verbose && connection.console.log(m),
};

let settings: SettingsStore;
let supervisor: SidecarSupervisor | undefined;
let canRegisterConfiguration = false;
const labels = new LabelExplainer();

function sidecarConfig(s: SamsaraSettings): SidecarConfig {
  return {
    path: s['sidecar.path'],
    pipeline: s['sidecar.pipeline'],
    startTimeoutMs: s['sidecar.startTimeoutMs'],
    healthCheckIntervalMs: s['sidecar.healthCheckIntervalMs'],
    healthCheckTimeoutMs: s['sidecar.healthCheckTimeoutMs'],
    requestTimeoutMs: s['sidecar.requestTimeoutMs'],
  };
}

function requireSupervisor(): SidecarSupervisor {
  if (!supervisor) throw new SidecarError('SIDECAR_STOPPED', 'The sidecar has not been started yet', false);
  return supervisor;
}

const cache = new AnalysisCache((texts) => requireSupervisor().analyze(texts));
const analyzer = new DocumentAnalyzer({
  getDocument: (uri) => documents.get(uri),
  settingsFor: (uri) => settings.forDocument(uri),
  cache,
  publish: (document, entities, s) =>
    void connection.sendDiagnostics({
      uri: document.uri,
      version: document.version,
      diagnostics: toDiagnostics(document, entities, s, labels),
    }),
  clear: (uri) => void connection.sendDiagnostics({ uri, diagnostics: [] }),
  // A notification, not window/showMessageRequest: nothing to choose, nothing to wait for.
  notify: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
  log,
});

function analyzeAll(): void {
  for (const document of documents.all()) void analyzer.analyze(document.uri);
}

const readyPolicy = new SidecarReadyPolicy({
  labels,
  clearCache: () => cache.clear(),
  analyzeAll,
  retryFailed: () => {
    for (const uri of analyzer.takeFailed()) void analyzer.analyze(uri);
  },
});

let progressSupported = false;

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  progressSupported = capabilities.window?.workDoneProgress === true;
  if (params.trace === 'verbose') verbose = true;
  configureProbeEnvironment(params.initializationOptions);
  settings = new SettingsStore(connection, log, capabilities.workspace?.configuration === true);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: true,
      executeCommandProvider: { commands: [Commands.restartSidecar, Commands.probe] },
    },
    serverInfo: { name: 'samsara', version: SAMSARA_VERSION },
  };
});

registerCommands(connection, {
  supervisor: () => supervisor,
  progressSupported: () => progressSupported,
  log,
  analyze: (texts) => requireSupervisor().analyze(texts),
});
registerProbeRequests(connection);
registerDoctorRequest(connection, {
  sidecarFacts: () =>
    supervisedFacts(supervisor, () =>
      locateSidecar({ settingPath: supervisor?.config.path ?? '', env: process.env, serverDir: __dirname }),
    ),
});

connection.onInitialized(async () => {
  if (canRegisterConfiguration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'samsara' }).catch(() => undefined);
  }
  const global = await settings.global();
  supervisor = new SidecarSupervisor(sidecarConfig(global), {
    launch: createLauncher(log, __dirname),
    onStatus: (status) => {
      void connection.sendNotification(SidecarStatusNotification, status);
      const info = supervisor?.info;
      if (status.state === 'ready' && supervisor && info) readyPolicy.onReady(info, supervisor.config);
    },
    log,
  });
  await supervisor.start();
});

connection.onDidChangeConfiguration(async (params) => {
  settings.changed(params.settings);
  const global = await settings.global();
  // Path and pipeline restart the sidecar; everything else applies to the next run.
  if (supervisor) await supervisor.updateConfig(sidecarConfig(global));
  analyzeAll();
});

// TextDocuments fires onDidChangeContent for an open as well: an open is analysed at once, an
// edit after the debounce.
const opening = new Set<string>();
documents.onDidOpen((event) => {
  opening.add(event.document.uri);
  void analyzer.analyze(event.document.uri);
});
documents.onDidChangeContent((event) => {
  if (opening.delete(event.document.uri)) return;
  analyzer.schedule(event.document.uri);
});
documents.onDidClose((event) => {
  opening.delete(event.document.uri);
  analyzer.close(event.document.uri);
  settings.forget(event.document.uri);
});

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const entities = analyzer.entitiesOf(params.textDocument.uri);
  if (!document || !entities) return null;
  const s = await settings.forDocument(document.uri);
  if (!s.enable) return null;
  const visible = visibleEntities(entities, s);
  const offset = document.offsetAt(params.position);
  return withProbeEntityLink(hoverFor(document, visible, offset, labels), document, entityAt(visible, offset));
});

// "Probe this entity" on the entities a selection or the cursor touches.
connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const entities = analyzer.entitiesOf(params.textDocument.uri);
  if (!document || !entities) return [];
  const s = await settings.forDocument(document.uri);
  return s.enable ? entityCodeActions(document, visibleEntities(entities, s), params.range) : [];
});

connection.onRequest(StatsRequest, (): SamsaraStats => {
  const sidecar: SamsaraStats['sidecar'] = { state: supervisor?.state ?? 'stopped' };
  if (supervisor?.reason) sidecar.reason = supervisor.reason;
  if (supervisor?.pid !== undefined) sidecar.pid = supervisor.pid;
  return { sidecar, ...cache.stats, ...analyzer.stats, cacheEntries: cache.size };
});

connection.onShutdown(async () => {
  await supervisor?.dispose();
});

documents.listen(connection);
connection.listen();
