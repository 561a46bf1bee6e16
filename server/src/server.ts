// The Samsara language server: named entities from a pool of spaCy sidecar processes, as semantic tokens,
// diagnostics, hovers, symbols, highlights, references and the Entities view. A standard LSP
// server over stdio (`node dist/server.js --stdio`), usable from any LSP client. Wiring only: each
// feature lives in its own file.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  DidChangeConfigurationNotification,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionSources } from './features/codeActions';
import { registerEntityRequests } from './features/entityRequests';
import { registerStoryBible } from './features/storyBible/storyBibleFeature';
import { appearanceOf, registerAppearanceRequests } from './workspace/appearanceRequests';
import { clientFacts, serverCapabilities, UNKNOWN_CLIENT } from './features/capabilities';
import { earlySettings, ServerSidecars } from './features/sidecars';
import { registerDocumentEvents } from './features/documentEvents';
import { createDocumentAnalyzer } from './features/documentAnalysis';
import { LabelExplainer } from './entities/labels';
import { SemanticTokensFeature } from './features/semanticTokens';
import { TokenLegendRegistration } from './features/tokenLegend';
import { LogLevelNotification, StatsRequest, type SamsaraStats, WorkspaceCommands } from '../../shared/lsp';
import { EntityRulesFeature } from './features/entityRules';
import { SAMSARA_VERSION } from '../../shared/version';
import { registerCommands } from './commands';
import { SidecarReadyPolicy } from './analysis/sidecarReady';
import { ServerLog } from './serverLog';
import { registerDoctorRequest } from './doctor/doctorRequest';
import { analyzerIn, documentProbeLanguages, probeAnalyzer } from './features/probeLanguage';
import { poolFacts } from './doctor/sidecarFacts';
import { configureProbeEnvironment } from './probes/probeEnvironment';
import { readProbeSettings } from './probes/probeCommand';
import { transcriptStore } from './probes/probeEnvironment';
import { registerProbeRequests } from './probes/probeRequests';
import { TranscriptDocuments } from './probes/transcriptDocuments';
import { clientCannotAnswerConfiguration } from './settings/configurationRequest';
import { SettingsStore } from './settings/settingsStore';
import { locateSidecar } from './sidecar/locateSidecar';
import { killAllSidecarsSync } from './sidecar/sidecarProcess';
import type { StoryBible } from './entities/storyBible';
import type { EntityRules } from './protocol/sidecar';
import { LanguagePipelines } from './features/languagePipelines';
import { PipelineStore } from './pipelines/pipelineStore';
import { CATALOGUE } from './pipelines/catalogue';
import { pipelinesFolder } from './pipelines/pipelinesFolder';
import { WorkspaceFeature } from './workspace/workspaceFeature';
import { registerWorkspaceRequests } from './workspace/workspaceRequests';

// Whatever ends this process (exit notification, closed stdin, a signal), no sidecar outlives it.
process.on('exit', killAllSidecarsSync);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => process.exit(0));

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = new ServerLog(connection);
connection.onNotification(LogLevelNotification, (params) => log.setLevel(params?.level));

let settings: SettingsStore;
let canRegisterConfiguration = false;
const labels = new LabelExplainer();
let pipelines: LanguagePipelines | undefined;
// The language models: the primary pool, its cache, and the pools of other languages' pipelines.
const sidecars = new ServerSidecars({
  connection,
  log,
  serverDir: __dirname,
  installed: () => pipelines?.installed ?? [],
  ready: (info, pool) => {
    readyPolicy.onReady(info, pool.config);
    refreshLegend();
    cache.pump();
    void workspace.sidecarReady(info);
    entityRules.reloader.primaryReady();
  },
  routedReady: () => refreshLegend(),
  rules: (language): EntityRules => entityRules.reloader.rulesFor(language),
  rulesApplied: (language, problems) => entityRules.reloader.routedRulesApplied(language, problems),
});
const cache = sidecars.cache;
const requirePool = () => sidecars.requirePool();
/** What the client can do, read at initialize. */
let client = UNKNOWN_CLIENT;
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
  log,
});
/** How long the first workspace scan waits for the open documents to be analysed. */
const OPEN_FIRST_MS = 10_000;
// The entities of every file of the workspace (server/src/workspace): scanned at the lowest
// priority, kept current from file watchers and from the open documents' models.
const workspace = new WorkspaceFeature({
  connection,
  cache,
  // Each file in its language's pipeline, as open documents are (setting, front matter, detection):
  // the setting of its folder and editor language (read once per folder per scan), else the window's.
  route: async (_uri, text, languageId, setting) =>
    pipelines ? pipelines.route(text, languageId, setting ?? sidecars.settings.language) : { language: 'en', cache },
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
const analyzer = createDocumentAnalyzer({
  connection,
  documents,
  labels,
  settingsFor: async (uri) => {
    const [forDocument, isTranscript] = await Promise.all([settings.forDocument(uri), transcripts.contains(uri)]);
    return isTranscript ? { ...forDocument, enable: false } : forDocument;
  },
  cache,
  // samsara.language with the document's editor-language override ([markdown]), as the scan reads it.
  cacheFor: async (uri, text, languageId, s) =>
    pipelines ? pipelines.cacheFor(uri, text, languageId, { ...s, language: await settings.languageFor(uri, languageId) }) : cache,
  semanticTokens: () => client.semanticTokens,
  tokens,
  workspace,
  bible: (): StoryBible => entityRules.reloader.bible,
  log,
});

/**
 * What probes and campaigns analyse with: the pool of the text's language, names read through
 * the story bible (an alias counts, and is masked, as its entity).
 */
const probeLanguages = documentProbeLanguages({
  documents,
  settings: () => settings,
  poolFor: (language) => sidecars.router.poolFor(language),
  bible: () => entityRules.reloader.bible,
});

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
  language: (): string => sidecars.router.primaryLanguage(),
  languageRulesChanged: () => sidecars.router.rulesChanged(),
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
  // The language model first, in parallel with everything else: its load is a cold start's
  // longest step (our client sends the sidecar settings; other clients start it at initialized).
  const early = earlySettings(params.initializationOptions, log);
  const pipelinesRoot = pipelinesFolder(params.initializationOptions);
  sidecars.usePipelinesFolder(pipelinesRoot);
  if (early) {
    log.info(`Starting the language model at initialize (${Math.round(process.uptime() * 1000)} ms after the server started)`);
    void sidecars.start(early);
  }
  const capabilities = params.capabilities;
  canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  progressSupported = capabilities.window?.workDoneProgress === true;
  if (params.trace === 'verbose') log.traceVerbose();
  log.setLevel((params.initializationOptions as { logLevel?: unknown } | null | undefined)?.logLevel);
  configureProbeEnvironment(params.initializationOptions);
  pipelines = new LanguagePipelines({
    connection,
    store: new PipelineStore(pipelinesRoot, CATALOGUE, sidecars.spacyVersion, sidecars.bundle),
    router: sidecars.router,
    log,
    analyzeAll,
  });
  pipelines.register();
  workspace.initialize(params);
  settings = new SettingsStore(connection, log, capabilities.workspace?.configuration === true);
  if (capabilities.workspace?.configuration !== true) clientCannotAnswerConfiguration(connection);
  client = clientFacts(capabilities);
  legend.dynamic = capabilities.textDocument?.semanticTokens?.dynamicRegistration === true;
  const rulesCapabilities = entityRules.initialize(params);
  return {
    capabilities: serverCapabilities(legend.staticCapability(), rulesCapabilities),
    serverInfo: { name: 'samsara', version: SAMSARA_VERSION },
  };
});

registerCommands(connection, {
  pool: () => sidecars.pool,
  progressSupported: () => progressSupported,
  log,
  others: { [WorkspaceCommands.rescan]: () => workspace.rescan() },
  analyzeFor: async (uri, text) => (await probeAnalyzer(probeLanguages, uri, text)).analyze,
  reloadEntityRules: (reason) => entityRules.reloader.reload(reason),
});
registerProbeRequests(connection, {
  analyzeIn: async (language) => analyzerIn(probeLanguages, language),
  languageSetting: async (uri) => (await settings.forDocument(uri)).language,
});
registerDoctorRequest(connection, {
  sidecarFacts: () =>
    poolFacts(sidecars.pool, () =>
      locateSidecar({ settingPath: sidecars.pool?.config.path ?? '', env: process.env, serverDir: __dirname }),
    ),
  pipelineFacts: async () => ({ loaded: sidecars.router.stats(), installed: [...(pipelines?.installed ?? [])] }),
});

connection.onInitialized(async () => {
  if (canRegisterConfiguration) {
    // Not awaited: a client that never answers must not keep the sidecar from starting.
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'samsara' }).catch(() => undefined);
  }
  sidecars.connected();
  // The tokens provider at once, with the labels known now (the default pipeline's): the editor
  // asks for an opened document's tokens before the model is ready, and is answered the moment
  // it is (registering at the handshake cost a round trip and the editor's own delay after it).
  refreshLegend();
  const global = await settings.global();
  await pipelines?.refresh();
  // The pool exists once start() is called: the rules the next line loads are sent to it.
  const started = sidecars.start(global);
  void entityRules.initialized();
  await started;
});

connection.onDidChangeConfiguration(async (params) => {
  settings.changed(params.settings);
  transcripts.changed();
  await sidecars.configurationChanged(await settings.global());
  analyzeAll();
  void workspace.configurationChanged();
  void entityRules.configurationChanged();
});

registerDocumentEvents(connection, documents, {
  analyzer,
  workspace,
  entityRules,
  settings: () => settings,
  pipelines: () => pipelines,
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
  return {
    sidecar: sidecars.stats(),
    ...cache.stats,
    ...analyzer.stats,
    cacheEntries: cache.size,
    semanticTokens: { ...tokens.stats },
    workspace: workspace.stats(),
    entityRules: { ...entityRules.reloader.stats },
    pipelines: sidecars.router.stats(),
    lastRun: analyzer.lastRun,
    recentBatches: cache.recentBatches,
  };
});

// Answered at once (Emacs eglot gives up after 1.5 s): the work in flight is abandoned, not
// awaited, and the sidecars are stopped right after the answer has gone out (and on exit, by
// killAllSidecarsSync, whatever is left).
connection.onShutdown(() => {
  sidecars.shutdown();
  workspace.dispose();
});

documents.listen(connection);
connection.listen();
