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
  /** What its language needs beside it, installed with it and shared by that language's pipelines (Japanese: the dictionary). */
  support?: { what: string; sizeBytes: number };
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

/** The user's mirror of release locations (samsara.pipelines.mirrorUrl, user settings only). */
const MirrorSchema = z
  .string()
  .url()
  .regex(/^https?:\/\//)
  .or(z.literal(''))
  .optional();

export const InstallPipelineParamsSchema = z.union([
  z.object({ name: z.string().regex(/^[a-z]{2}_[a-z]+_[a-z]+_[a-z]+$/), mirror: MirrorSchema }).strict(),
  // A file may still need a download: what its language needs beside the bundle (Japanese: the dictionary).
  z.object({ file: z.string().min(1), mirror: MirrorSchema }).strict(),
]);
export type InstallPipelineParams = z.infer<typeof InstallPipelineParamsSchema>;

/** A support package installed from a file (the Japanese dictionary, for offline machines). */
export interface InstalledSupportInfo {
  name: string;
  version: string;
  what: string;
  sizeBytes: number;
}

export type InstallPipelineResult =
  | { ok: true; pipeline: InstalledPipelineInfo }
  | { ok: true; support: InstalledSupportInfo }
  | { ok: false; kind: string; message: string };

export const InstallPipelineRequest = new RequestType<InstallPipelineParams, InstallPipelineResult, void>('samsara/pipelines/install');

export interface PipelineProgressParams {
  name: string;
  received: number;
  total?: number;
  /** Which part of the install is downloading, when it has several ("the Japanese dictionary"). */
  part?: string;
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
