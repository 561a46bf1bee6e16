// One file's entities, found the way an open document's are: its prose (Markdown-aware), long
// blocks in sentence windows, each block from the analysis cache or the sidecar pool. So a file
// scanned and then opened costs nothing more, and the scan and `samsara entities` find exactly
// what the editor shows.
import { createHash } from 'node:crypto';
import type { CancellationToken } from 'vscode-languageserver';
import type { Priority } from '../analysis/scheduler';
import { DocumentRun } from '../analysis/documentRun';
import type { DocumentEntity } from '../entities/entityModel';
import type { AnalysisCache } from '../analysis/analysisCache';
import { blocksOf } from '../analysis/documentState';
import { proseReady, proseSyntaxOf } from '../text/proseExtractor';
import { SamsaraError } from '../../../shared/errors';
import { readBounded } from './boundedRead';

/** A file that is not UTF-8 text (a binary file with a text extension, say). */
export class NotTextError extends SamsaraError {
  constructor(path: string) {
    super('FILE_NOT_TEXT', `${path} is not UTF-8 text`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The text of a file as an editor shows it: UTF-8, without its byte order mark. At most
 * `maxBytes` bytes are read (TooLargeError past them), from a regular file whose real path is
 * inside `root` when given, never from /proc, /sys or /dev (boundedRead.ts).
 */
export async function readText(path: string, maxBytes: number, root?: string): Promise<string> {
  const bytes = await readBounded(path, maxBytes, root);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new NotTextError(path);
  }
}

/**
 * What a file's entities depend on besides the model and rules: its text and how it is read
 * (Markdown or plain). Two files with the same key share their results.
 */
export function contentKey(text: string, languageId: string): string {
  const digest = createHash('sha256').update(text).digest('hex').slice(0, 32);
  return `${proseSyntaxOf(languageId)}:${digest}`;
}

export interface FileAnalysisOptions {
  /** Who the scheduler shares work out by (the file's URI). */
  group: string;
  priority: Priority;
  /** Entities of hidden labels are still found: they are left out when shown. */
  visible?(label: string): boolean;
  /** A cancelled analysis drops its queued blocks and rejects (AnalysisCancelled). */
  token?: CancellationToken;
}

/** Every entity of `text`, in document order, with UTF-16 offsets in it. */
export async function analyseText(
  text: string,
  languageId: string,
  cache: AnalysisCache,
  options: FileAnalysisOptions,
): Promise<DocumentEntity[]> {
  await proseReady(languageId);
  const run = new DocumentRun({
    uri: options.group,
    version: 0,
    blocks: blocksOf(text, languageId),
    cache,
    priorityOf: () => ({ priority: options.priority, raise: true }),
    visible: options.visible ?? (() => true),
  });
  const cancelled = options.token?.onCancellationRequested(() => run.release());
  if (options.token?.isCancellationRequested) run.release();
  try {
    return await run.done;
  } finally {
    cancelled?.dispose();
    run.release();
  }
}
