// Sends one `samsara.probe` to the language server: key from SecretStorage, base URL from user
// settings only, progress shown from the server's $/progress, cancellation forwarded.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, ResponseError, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { isErrorCode, type ErrorCode } from '../../../shared/errors';
import { Commands, probeErrorDataSchema, type ProbeArgs } from '../../../shared/lsp';
import { splitModelRef } from '../../../shared/probes/providers';
import type { Scenario } from '../../../shared/probes/scenario';
import { transcriptSchema, type Transcript } from '../../../shared/probes/transcript';
import { getApiKey } from './apiKeys';

export class ProbeRequestError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode | undefined,
    readonly provider: string | undefined,
  ) {
    super(message);
  }
}

export class ProbeCancelled extends Error {}

export interface ProbeRequest {
  client: LanguageClient;
  secrets: vscode.SecretStorage;
  log: vscode.LogOutputChannel;
  text: string;
  model: string;
  scenario: Scenario;
  token: vscode.CancellationToken;
  onProgress?: (message: string) => void;
}

export async function sendProbe(request: ProbeRequest): Promise<Transcript> {
  // The server decides whether this provider needs a key (PROBE_MISSING_KEY); the client only
  // sends the one it holds, if any.
  const ref = splitModelRef(request.model);
  const provider = 'provider' in ref ? ref.provider : undefined;
  const apiKey = provider ? await getApiKey(request.secrets, provider) : undefined;
  const args: ProbeArgs = { text: request.text, model: request.model, scenario: request.scenario.id };
  if (apiKey) args.apiKey = apiKey;

  const workDoneToken = randomUUID();
  const progress = request.client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
    if (value.kind !== 'end' && value.message) request.onProgress?.(value.message);
  });
  try {
    const result: unknown = await request.client.sendRequest(
      ExecuteCommandRequest.type,
      { command: Commands.probe, arguments: [args], workDoneToken },
      request.token,
    );
    const parsed = transcriptSchema.safeParse(result);
    if (!parsed.success)
      throw new ProbeRequestError(
        `The server returned an invalid transcript: ${parsed.error.issues[0]?.message}`,
        'SERVER_BAD_REPLY',
        provider,
      );
    return parsed.data;
  } catch (error) {
    if (request.token.isCancellationRequested) throw new ProbeCancelled('cancelled');
    if (error instanceof ProbeRequestError) throw error;
    if (error instanceof ResponseError) {
      const data = probeErrorDataSchema.safeParse(error.data);
      const code = data.success && isErrorCode(data.data.code) ? data.data.code : undefined;
      throw new ProbeRequestError(error.message, code, (data.success ? data.data.provider : undefined) ?? provider);
    }
    throw new ProbeRequestError(error instanceof Error ? error.message : String(error), undefined, provider);
  } finally {
    progress.dispose();
  }
}
