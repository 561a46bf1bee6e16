// The probe history's requests (the tree view and the compare view), answered from the transcript
// folder by the same store that saves transcripts:
//   samsara/transcriptHistory   every saved transcript, malformed files reported and skipped
//   samsara/readTranscripts     saved transcripts whole (named, or every one of a comparison)
//   samsara/deleteTranscript    a transcript and its Markdown
import type { Connection } from 'vscode-languageserver';
import type { z } from 'zod';
import {
  DeleteTranscriptRequest,
  deleteTranscriptParamsSchema,
  ReadTranscriptsRequest,
  readTranscriptsParamsSchema,
  TranscriptHistoryRequest,
} from '../../../shared/lsp';
import { InvalidArgumentsError } from './errors';
import { readProbeSettings } from './probeCommand';
import { transcriptStore } from './probeEnvironment';
import { readHistory, readTranscripts } from './transcriptHistory';
import { typed } from './typedHandler';

export function registerHistoryRequests(connection: Connection): void {
  const store = async (resource?: string) => transcriptStore(connection, await readProbeSettings(connection, resource));

  connection.onRequest(
    TranscriptHistoryRequest,
    typed(async (params) => {
      const history = await readHistory(await store(params.resource));
      for (const p of history.problems) connection.console.warn(`Probe history: skipped ${p.file}: ${p.problem}`);
      return history;
    }),
  );

  connection.onRequest(
    ReadTranscriptsRequest,
    typed(async (raw) => {
      const params = checked(readTranscriptsParamsSchema, raw, ReadTranscriptsRequest.method);
      return readTranscripts(await store(params.resource), params);
    }),
  );

  connection.onRequest(
    DeleteTranscriptRequest,
    typed(async (raw) => {
      const params = checked(deleteTranscriptParamsSchema, raw, DeleteTranscriptRequest.method);
      const deleted = await (await store(params.resource)).remove(params.json);
      connection.console.info(`Probe history: deleted ${deleted.join(', ')}`);
      return { deleted };
    }),
  );
}

function checked<T>(schema: z.ZodType<T>, raw: unknown, method: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InvalidArgumentsError(`${issue?.path.join('.') || 'params'}: ${issue?.message ?? 'invalid'}`, method);
}
