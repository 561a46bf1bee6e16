// The engine as the `samsara` command line sees it: the one module cli/src imports from server/src.
// Everything a front door other than the language server needs (the probe entry point, transcript
// files, the sidecar and its pool, the doctor's report, the workspace scan) is re-exported here,
// so the engine's rooms can move without the command line following them file by file.
export { probe, type ProbeCallbacks, type ProbeEngineSettings, type ProbeInputs, type ProbePlan } from './probes/probeEntry';
export type { ProbeEvent } from './probes/probeRun';
export { ProbeError, type ProbeFacts, type ProbeProblem, type Remedy } from './probes/errors';
export { PROBE_SETTING_DEFAULTS, DEFAULT_PRICES } from './probes/probeSettings';
export { TranscriptStore } from './probes/transcriptStore';
export type { Analyze } from './probes/probePreparation';
export type { EntitySpan } from './probes/pseudonymizer';
export { AnalyzeDataSchema, HealthDataSchema } from './protocol/sidecar';
export { silentLogger, type Logger } from './logger';
export { createLauncher, MAX_SIDECAR_LINE_BYTES } from './sidecar/launchSidecar';
export { locateSidecar, type LocatedSidecar } from './sidecar/locateSidecar';
export { buildSidecarEnv } from './sidecar/sidecarEnv';
export { startSidecar, type SidecarHandle } from './sidecar/sidecarProcess';
export { SidecarPool, type WorkersSetting } from './sidecar/sidecarPool';
export { doctorToMarkdown } from './doctor/doctorMarkdown';
export { buildDoctorReport, type SidecarFacts } from './doctor/doctorReport';
export { factsFromHealth } from './doctor/sidecarFacts';
export { EntityModel } from './entities/entityModel';
export { AnalysisCache } from './analysis/analysisCache';
export { describeFileError, inspectFile, walkFolder, type Found } from './workspace/discovery';
export type { ScanRules } from './workspace/fileRules';
export { languageFiles } from './workspace/languageFiles';
export { csvHeader, entityRow, formatRow } from './workspace/entityRows';
export { entityRulesFor, type FolderRules } from './workspace/entityRulesSource';
export { StoryBible, throughBible } from './entities/storyBible';
export { readUriText } from './workspace/boundedRead';
export { loadReadingOrder } from './workspace/readingOrder';
export { analyseText, NotTextError, readText } from './workspace/fileAnalysis';
export { loadCampaign, defaultResultsFolder, type LoadedCampaign } from './campaigns/campaignLoader';
export { runCampaign } from './campaigns/campaignRunner';
export { readResults, type JobResult } from './campaigns/campaignResults';
export { judgeResults, reportJson, reportJunit, reportMarkdown, reportTable, type CampaignReport } from './campaigns/campaignReport';
export { needsEntities } from './campaigns/expectations';
export { loadFormatParsers } from './text/formats/parsers';
export { languageName } from './pipelines/catalogue';
export { pipelinesFolder } from './pipelines/pipelinesFolder';
export { withSupportPackages } from './pipelines/supportPackages';
export { PipelineStore, type InstalledPipeline } from './pipelines/pipelineStore';
export { missingModelMessage } from './pipelines/analysisLanguage';
export type { AnalyzeIn } from './campaigns/passageLanguage';
export { LanguageRouter, pipelineLanguage } from './sidecar/languageRouter';
export { documentLanguage } from './text/documentLanguage';
export {
  campaignStatus,
  connectionSecrets,
  enqueueCampaign,
  openQueue,
  redactConnection,
  toQueuedJob,
  DEFAULT_JOB_EXPIRE_SECONDS,
  type CampaignStatus,
  type QueueConnection,
} from './campaigns/campaignQueue';
export { runQueueWorker } from './campaigns/queueWorker';
export { readStoredResults } from './campaigns/transcriptTable';
