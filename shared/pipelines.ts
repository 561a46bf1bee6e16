// The contract for language pipelines between the client and the server: which pipelines are
// installed and offered, installing one (from spaCy's release location or from a file) with
// progress and cancellation, removing one, and the language of each document with the reason
// (what the status item shows).
import { NotificationType, RequestType, RequestType0 } from 'vscode-jsonrpc';
import { z } from 'zod';

export interface InstalledPipelineInfo {
  name: string;
  language: string;
  languageName: string;
  version: string;
  labels: string[];
  sizeBytes: number;
  path: string;
}

export interface OfferedPipelineInfo {
  name: string;
  language: string;
  languageName: string;
  version: string;
  sizeBytes: number | null;
  licence: string;
  /** Whether Samsara will download it (a verified checksum, a tokenizer the bundle carries). */
  downloadable: boolean;
  /** Why not, when it is not. */
  why?: string;
}

export interface PipelineList {
  folder: string;
  installed: InstalledPipelineInfo[];
  offered: OfferedPipelineInfo[];
}

export const PipelineListRequest = new RequestType0<PipelineList, void>('samsara/pipelines/list');

export const InstallPipelineParamsSchema = z.union([
  z
    .object({
      name: z.string().regex(/^[a-z]{2}_[a-z]+_[a-z]+_[a-z]+$/),
      mirror: z
        .string()
        .url()
        .regex(/^https?:\/\//)
        .or(z.literal(''))
        .optional(),
    })
    .strict(),
  z.object({ file: z.string().min(1) }).strict(),
]);
export type InstallPipelineParams = z.infer<typeof InstallPipelineParamsSchema>;

export type InstallPipelineResult = { ok: true; pipeline: InstalledPipelineInfo } | { ok: false; kind: string; message: string };

export const InstallPipelineRequest = new RequestType<InstallPipelineParams, InstallPipelineResult, void>('samsara/pipelines/install');

export interface PipelineProgressParams {
  name: string;
  received: number;
  total?: number;
}
export const PipelineProgressNotification = new NotificationType<PipelineProgressParams>('samsara/pipelines/progress');

export const RemovePipelineParamsSchema = z.object({ name: z.string().min(1).max(100) }).strict();
export const RemovePipelineRequest = new RequestType<{ name: string }, { removed: boolean }, void>('samsara/pipelines/remove');

export type LanguageReason = 'setting' | 'frontMatter' | 'detected' | 'default';

/** Server → client: a document's language, why, and whether a pipeline serves it. */
export interface DocumentLanguageParams {
  uri: string;
  code: string;
  languageName: string;
  reason: LanguageReason;
  confidence?: number;
  /** ready: analysed; missing: no pipeline installed (one can be fetched when `offer` is set). */
  pipeline: 'ready' | 'missing' | 'unavailable';
  /** When ready: the language model (pipeline name) that reads the document, e.g. fr_core_news_sm. */
  model?: string;
  /** The catalogue pipeline to fetch, when `pipeline` is missing and Samsara can download it. */
  offer?: string;
  /** What the writer should know when not ready (a sentence). */
  message?: string;
}
export const DocumentLanguageNotification = new NotificationType<DocumentLanguageParams>('samsara/documentLanguage');

/** One loaded pipeline, as `samsara/stats` and the doctor report it. */
export interface PipelineStats {
  language: string;
  pipeline: string;
  state: string;
  workers: number;
  /** Resident memory of its workers at their last health checks, summed. */
  rssBytes?: number;
  idleMs: number;
}
