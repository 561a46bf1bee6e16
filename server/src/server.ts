// The Samsara language server: named entities from a pool of spaCy sidecar processes, as semantic tokens,
// diagnostics, hovers, symbols, highlights, references and the Entities view. A standard LSP
// server over stdio (`node dist/server.js --stdio`), usable from any LSP client. Wiring only: each
// feature lives in its own file.
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
import { AnalysisCache } from './analysis/analysisCache';
import { publishesDiagnostics, toDiagnostics } from './features/diagnostics';
import { DEFAULT_QUIET_MS, DiagnosticsPublisher } from './features/diagnosticsPublisher';
import { DocumentAnalyzer } from './analysis/documentAnalyzer';
import { CodeActionSources } from './features/codeActions';
import { registerEntityRequests } from './features/entityRequests';
import { registerStoryBible } from './features/storyBible/storyBibleFeature';
import { appearanceOf, registerAppearanceRequests } from './workspace/appearanceRequests';
import { hoverFormat } from './features/hover';
import { LabelExplainer } from './entities/labels';
import { SemanticTokensFeature } from './features/semanticTokens';
import { TokenLegendRegistration } from './features/tokenLegend';
import {
  Commands,
  EntitiesChangedNotification,
  LogLevelNotification,
  ReloadEntityRulesCommand,
  SidecarStatusNotification,
  StatsRequest,
  type SamsaraStats,
  WorkspaceCommands,
} from '../../shared/lsp';
import { EntityRulesFeature } from './features/entityRules';
import { SAMSARA_VERSION } from '../../shared/version';
import { registerCommands } from './commands';
import { SidecarReadyPolicy } from './analysis/sidecarReady';
import { ServerLog } from './serverLog';
import { registerDoctorRequest } from './doctor/doctorRequest';
import { probeAnalyzer } from './features/probeLanguage';
import { poolFacts } from './doctor/sidecarFacts';
import { configureProbeEnvironment } from './probes/probeEnvironment';
import { readProbeSettings } from './probes/probeCommand';
import { transcriptStore } from './probes/probeEnvironment';
import { registerProbeRequests } from './probes/probeRequests';
import { TranscriptDocuments } from './probes/transcriptDocuments';
import { defaultSettings, type SamsaraSettings } from './settings/settings';
import { clientCannotAnswerConfiguration } from './settings/configurationRequest';
import { SettingsStore } from './settings/settingsStore';
import { SidecarError } from './sidecar/errors';
import { createLauncher } from './sidecar/launchSidecar';
import { locateSidecar } from './sidecar/locateSidecar';
import { killAllSidecarsSync } from './sidecar/sidecarProcess';
import { throughBible, type StoryBible } from './entities/storyBible';
import type { EntitySpan } from './probes/pseudonymizer';
import { SidecarPool, type PoolConfig } from './sidecar/sidecarPool';
import { LanguageRouter, pipelineLanguage } from './sidecar/languageRouter';
import type { EntityRules } from './protocol/sidecar';
import { LanguagePipelines } from './features/languagePipelines';
import { PipelineStore } from './pipelines/pipelineStore';
import { pipelinesFolder } from './pipelines/pipelinesFolder';
import { WorkspaceFeature } from './workspace/workspaceFeature';
import { registerWorkspaceRequests } from './workspace/workspaceRequests';
import { loadFormatParsers } from './text/formats/parsers';

// Whatever ends this process (exit notification, closed stdin, a signal), no sidecar outlives it.
process.on('exit', killAllSidecarsSync);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => process.exit(0));

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = new ServerLog(connection);
connection.onNotification(LogLevelNotification, (params) => log.setLevel(params?.level));

let settings: SettingsStore;
let pool: SidecarPool | undefined;
let canRegisterConfiguration = false;
const labels = new LabelExplainer();

function sidecarConfig(s: SamsaraSettings): PoolConfig {
  return {
    path: s['sidecar.path'],
    pipeline: s['sidecar.pipeline'],
    startTimeoutMs: s['sidecar.startTimeoutMs'],
    healthCheckIntervalMs: s['sidecar.healthCheckIntervalMs'],
    healthCheckTimeoutMs: s['sidecar.healthCheckTimeoutMs'],
    requestTimeoutMs: s['sidecar.requestTimeoutMs'],
    workers: s['sidecar.workers'],
    idleRetireMs: s['sidecar.idleRetireSeconds'] * 1000,
  };
}

function requirePool(): SidecarPool {
  if (!pool) throw new SidecarError('SIDECAR_STOPPED', 'The sidecar has not been started yet', false);
  return pool;
}

// One batch in flight per ready worker: new interactive work waits for at most the batch a
// worker is on, never for a queue of background batches in the sidecars' stdin.
// Each answer names the entity rules it was made with: the cache keys its results by them too.
const cache = new AnalysisCache((texts) => requirePool().analyzeWithRules(texts), {
  // Retired workers count: a batch beyond the ready ones waits in the pool, which starts one again.
  concurrency: () => Math.max(1, pool?.capacity ?? 1),
});
// Documents in other languages than the primary pipeline's go to pools of their own (one per
// installed pipeline, started on first use, stopped when idle): see sidecar/languageRouter.ts.
let lastGlobal: SamsaraSettings | undefined;
const router = new LanguageRouter({
  primary: () => ({ pool, cache, language: pipelineLanguage(pool?.info?.model) }),
  installed: () => pipelines?.installed ?? [],
  open: (pipeline) => {
    const routed: SidecarPool = new SidecarPool(
      { ...sidecarConfig(lastGlobal ?? defaultSettings()), pipeline: pipeline.path, workers: 1 },
      {
        launch: createLauncher(log, __dirname),
        onStatus: (status) => {
          log.info(`${pipeline.name}: ${status.state}${status.reason ? ` (${status.reason})` : ''}`);
          if (status.state === 'ready') {
            refreshLegend();
            routedCache.pump();
          }
        },
        log,
      },
    );
    const routedCache = new AnalysisCache((texts) => routed.analyzeWithRules(texts), {
      concurrency: () => Math.max(1, routed.readyWorkers),
    });
    void routed.start();
    return { pool: routed, cache: routedCache };
  },
  idleMs: () => (lastGlobal ?? defaultSettings())['pipelines.idleMinutes'] * 60_000,
  rules: (language): EntityRules => entityRules.reloader.rulesFor(language),
  log,
});
let pipelines: LanguagePipelines | undefined;
const idleSweep = setInterval(() => router.sweep(), 60_000);
idleSweep.unref();
/** What the client can do, read at initialize. */
let client = {
  hoverFormat: hoverFormat(undefined),
  hierarchicalSymbols: false,
  canRefreshTokens: false,
  semanticTokens: false,
  changeAnnotations: false,
};
const legend = new TokenLegendRegistration(connection, log, () => tokens.legendChanged());
const tokens = new SemanticTokensFeature({
  analyzer: {
    modelFor: (uri, token) => analyzer.modelFor(uri, token),
    entitiesIn: (uri, start, end) => analyzer.entitiesIn(uri, start, end),
    currentModel: (uri) => analyzer.currentModel(uri),
  },
  documents,
  legend: () => legend.index,
  canRefresh: () => client.canRefreshTokens,
  refresh: () => connection.languages.semanticTokens.refresh(),
});
/** How long the first workspace scan waits for the open documents to be analysed. */
const OPEN_FIRST_MS = 10_000;
// The entities of every file of the workspace (server/src/workspace): scanned at the lowest
// priority, kept current from file watchers and from the open documents' models.
const workspace = new WorkspaceFeature({
  connection,
  cache,
  // Each file in its language's pipeline, as open documents are (setting, front matter, detection).
  // Files not open read the window's samsara.language: one configuration request per file of a
  // large folder would cost more than a folder-level language override is worth.
  route: async (_uri, text, languageId) =>
    pipelines ? pipelines.route(text, languageId, lastGlobal ?? defaultSettings()) : { language: 'en', cache },
  settings: () => settings,
  log,
  // Stored results depend on the entity rules in effect (.samsara/entities.yaml).
  rulesHash: () => entityRules.reloader.stats.hash,
  bible: (): StoryBible => entityRules.reloader.bible,
  // The first scan waits for the open documents (at most OPEN_FIRST_MS: a stuck one holds nothing).
  openDocumentsAnalysed: () =>
    Promise.race([
      Promise.all(documents.all().map((document) => analyzer.modelFor(document.uri).catch(() => undefined))).then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, OPEN_FIRST_MS).unref()),
    ]),
});
// Saved probe transcripts are records, not prose: never analysed (samsara.probes.transcriptFolder).
const transcripts = new TranscriptDocuments(async () => (await transcriptStore(connection, await readProbeSettings(connection))).folder);
// A long document's diagnostics wait for a pause in typing: see diagnosticsPublisher.ts.
const diagnostics = new DiagnosticsPublisher({
  send: (uri, version, list) => void connection.sendDiagnostics({ uri, version, diagnostics: list }),
  isLatest: (model) => analyzer.latestModel(model.uri) === model,
  quietMs: () => (client.semanticTokens ? DEFAULT_QUIET_MS : 0),
});
const analyzer = new DocumentAnalyzer({
  getDocument: (uri) => documents.get(uri),
  settingsFor: async (uri) => {
    const [forDocument, isTranscript] = await Promise.all([settings.forDocument(uri), transcripts.contains(uri)]);
    return isTranscript ? { ...forDocument, enable: false } : forDocument;
  },
  cache,
  cacheFor: (uri, text, languageId, s) => (pipelines ? pipelines.cacheFor(uri, text, languageId, s) : Promise.resolve(cache)),
  publish: (model, _document, s) => {
    tokens.modelChanged(model);
    workspace.modelPublished(model);
    void connection.sendNotification(EntitiesChangedNotification, { uri: model.uri, version: model.version });
    // After the token answers this model resolves (they are what the user sees first).
    diagnostics.publish(model, (latest) => (publishesDiagnostics(s, client.semanticTokens) ? toDiagnostics(latest, s, labels) : []));
  },
  clear: (uri) => {
    diagnostics.cancel(uri);
    workspace.documentCleared(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    tokens.cleared(uri, documents.get(uri) !== undefined);
    const version = documents.get(uri)?.version;
    if (version !== undefined) void connection.sendNotification(EntitiesChangedNotification, { uri, version });
  },
  // A notification, not window/showMessageRequest: nothing to choose, nothing to wait for.
  notify: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
  bible: (): StoryBible => entityRules.reloader.bible,
  log,
});

/** What probes and campaigns analyse with: names read through the story bible (an alias counts, and is masked, as its entity). */
async function probeAnalyze(texts: string[]): Promise<EntitySpan[][]> {
  return throughBible(await requirePool().analyze(texts), entityRules.reloader.bible);
}

function analyzeAll(): void {
  for (const document of documents.all()) void analyzer.analyze(document.uri);
}

// Code actions of every feature (entity corrections, "Probe this entity") through one handler.
const codeActions = new CodeActionSources();
codeActions.listen(connection, log);

// The entity rules files (.samsara/entities.yaml and the user's): applied by the sidecar, watched,
// edited by code actions. A change re-analyses only the blocks it can affect.
const entityRules = new EntityRulesFeature({
  connection,
  codeActions,
  documents,
  analyzer,
  cache,
  labels,
  userFileSetting: async () => (await settings.global())['entities.userFile'],
  allowWorkspaceRegex: async () => (await settings.global())['entities.allowWorkspaceRegex'],
  apply: (rules) => requirePool().setEntityRules(rules),
  language: (): string => router.primaryLanguage(),
  languageRulesChanged: () => router.rulesChanged(),
  analyzeAll,
  labelsChanged: () => refreshLegend(),
  rulesChanged: () => void workspace.rulesChanged(),
  log,
});

/** Token types for the model's labels and for the labels the entity rules add. */
function refreshLegend(): void {
  void legend.sidecarLabels([...new Set([...labels.sidecarLabels, ...entityRules.reloader.labels, ...(pipelines?.labels ?? [])])]);
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

connection.onInitialize(async (params): Promise<InitializeResult> => {
  // LaTeX, reStructuredText and Typst parsers are WebAssembly: loaded before any document is read.
  await loadFormatParsers().catch((error: unknown) =>
    log.error(`Loading the LaTeX, reStructuredText and Typst parsers failed: ${String(error)}`),
  );
  const capabilities = params.capabilities;
  canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  progressSupported = capabilities.window?.workDoneProgress === true;
  if (params.trace === 'verbose') log.traceVerbose();
  log.setLevel((params.initializationOptions as { logLevel?: unknown } | null | undefined)?.logLevel);
  configureProbeEnvironment(params.initializationOptions);
  pipelines = new LanguagePipelines({
    connection,
    store: new PipelineStore(pipelinesFolder(params.initializationOptions)),
    router,
    log,
    analyzeAll,
  });
  pipelines.register();
  workspace.initialize(params);
  settings = new SettingsStore(connection, log, capabilities.workspace?.configuration === true);
  if (capabilities.workspace?.configuration !== true) clientCannotAnswerConfiguration(connection);
  client = {
    hoverFormat: hoverFormat(capabilities.textDocument?.hover),
    hierarchicalSymbols: capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    canRefreshTokens: capabilities.workspace?.semanticTokens?.refreshSupport === true,
    semanticTokens: capabilities.textDocument?.semanticTokens !== undefined,
    // A rename's other names go in a group the refactor preview lets the writer untick.
    changeAnnotations:
      capabilities.workspace?.workspaceEdit?.documentChanges === true &&
      capabilities.workspace.workspaceEdit.changeAnnotationSupport !== undefined,
  };
  legend.dynamic = capabilities.textDocument?.semanticTokens?.dynamicRegistration === true;
  const rulesCapabilities = entityRules.initialize(params);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      documentSymbolProvider: { label: 'Entities' },
      documentHighlightProvider: true,
      referencesProvider: true,
      definitionProvider: true,
      renameProvider: { prepareProvider: true },
      workspaceSymbolProvider: true,
      ...(legend.staticCapability() ? { semanticTokensProvider: legend.staticCapability() } : {}),
      executeCommandProvider: { commands: [Commands.restartSidecar, Commands.probe, WorkspaceCommands.rescan, ReloadEntityRulesCommand] },
      ...rulesCapabilities,
    },
    serverInfo: { name: 'samsara', version: SAMSARA_VERSION },
  };
});

registerCommands(connection, {
  pool: () => pool,
  progressSupported: () => progressSupported,
  log,
  others: { [WorkspaceCommands.rescan]: () => workspace.rescan() },
  analyzeFor: async (uri, text) =>
    (
      await probeAnalyzer(
        {
          document: (at) => {
            const document = documents.get(at);
            return document ? { text: document.getText(), languageId: document.languageId } : undefined;
          },
          languageSetting: async (at) => (at ? await settings.forDocument(at) : await settings.global()).language,
          poolFor: (language) => router.poolFor(language),
          bible: () => entityRules.reloader.bible,
        },
        uri,
        text,
      )
    ).analyze,
  reloadEntityRules: (reason) => entityRules.reloader.reload(reason),
});
registerProbeRequests(connection, probeAnalyze);
registerDoctorRequest(connection, {
  sidecarFacts: () =>
    poolFacts(pool, () => locateSidecar({ settingPath: pool?.config.path ?? '', env: process.env, serverDir: __dirname })),
  pipelineFacts: async () => ({ loaded: router.stats(), installed: [...(pipelines?.installed ?? [])] }),
});

connection.onInitialized(async () => {
  if (canRegisterConfiguration) {
    // Not awaited: a client that never answers must not keep the sidecar from starting.
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'samsara' }).catch(() => undefined);
  }
  const global = await settings.global();
  lastGlobal = global;
  await pipelines?.refresh();
  pool = new SidecarPool(sidecarConfig(global), {
    launch: createLauncher(log, __dirname),
    onStatus: (status) => {
      void connection.sendNotification(SidecarStatusNotification, status);
      const info = pool?.info;
      if (status.state === 'ready' && pool && info) {
        readyPolicy.onReady(info, pool.config);
        refreshLegend();
        cache.pump();
        void workspace.sidecarReady(info);
        entityRules.reloader.primaryReady();
      }
    },
    log,
  });
  void entityRules.initialized();
  await pool.start();
});

connection.onDidChangeConfiguration(async (params) => {
  settings.changed(params.settings);
  transcripts.changed();
  const global = await settings.global();
  lastGlobal = global;
  // Path and pipeline restart the sidecar; everything else applies to the next run.
  if (pool) await pool.updateConfig(sidecarConfig(global));
  analyzeAll();
  void workspace.configurationChanged();
  void entityRules.configurationChanged();
});

// TextDocuments fires onDidChangeContent for an open as well: an open is analysed at once, an
// edit after the debounce (or at once when a view asks for the new version).
const opening = new Set<string>();
documents.onDidOpen((event) => {
  opening.add(event.document.uri);
  workspace.documentOpened(event.document.uri);
  void analyzer.analyze(event.document.uri, 'open');
});
documents.onDidChangeContent((event) => {
  if (opening.delete(event.document.uri)) return;
  analyzer.schedule(event.document.uri);
});
documents.onDidClose((event) => {
  opening.delete(event.document.uri);
  analyzer.close(event.document.uri);
  settings.forget(event.document.uri);
  pipelines?.closed(event.document.uri);
  workspace.documentClosed(event.document.uri);
});
// One handler per notification on a connection: both features that watch files get every change.
connection.onDidChangeWatchedFiles((params) => {
  workspace.filesChanged(params);
  void entityRules.filesChanged(params);
});

tokens.register(connection);
registerEntityRequests(connection, {
  codeActions,
  analyzer,
  documents,
  labels,
  client: () => client,
  elsewhere: (key, uri) => workspace.elsewhere(key, uri),
  appearance: (model, entity) => appearanceOf(workspace, model, entity),
});
// The story bible: F12 to an entity's entry, F2 across the workspace, "Add "X" to the story bible".
registerStoryBible(
  connection,
  {
    analyzer,
    documents,
    bible: () => entityRules.reloader.bible,
    mentions: (key) => workspace.index.mentions(key),
    target: (uri) => entityRules.target(uri),
    client: () => ({ annotations: client.changeAnnotations, edits: entityRules.editSupport }),
    log,
  },
  codeActions,
);
registerWorkspaceRequests(connection, workspace, labels);
registerAppearanceRequests(connection, workspace, documents, () => entityRules.reloader.bible);

connection.onRequest(StatsRequest, (): SamsaraStats => {
  const sidecar: SamsaraStats['sidecar'] = { state: pool?.state ?? 'stopped' };
  if (pool?.reason) sidecar.reason = pool.reason;
  if (pool?.pid !== undefined) sidecar.pid = pool.pid;
  if (pool)
    Object.assign(sidecar, {
      workersReady: pool.readyWorkers,
      workersTotal: pool.totalWorkers,
      workersRetired: pool.retiredWorkers,
      workers: pool.stats(),
    });
  return {
    sidecar,
    ...cache.stats,
    ...analyzer.stats,
    cacheEntries: cache.size,
    semanticTokens: { ...tokens.stats },
    workspace: workspace.stats(),
    entityRules: { ...entityRules.reloader.stats },
    pipelines: router.stats(),
  };
});

// Answered at once (Emacs eglot gives up after 1.5 s): the work in flight is abandoned, not
// awaited, and the sidecars are stopped right after the answer has gone out (and on exit, by
// killAllSidecarsSync, whatever is left).
connection.onShutdown(() => {
  const stopping = pool;
  stopping?.abandon();
  clearInterval(idleSweep);
  void router.dispose();
  workspace.dispose();
  setImmediate(() => void stopping?.dispose({ abandon: true }));
});

documents.listen(connection);
connection.listen();
