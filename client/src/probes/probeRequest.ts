// Sends one `samsara.probe` to the language server: key from SecretStorage, base URL from user
// settings only, progress shown from the server's $/progress, cancellation forwarded.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, ResponseError, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import type { ProbeArgs, ProbeErrorData } from '../../../server/src/probes/probeCommand';
import { parseModelRef, providerInfo } from '../../../server/src/probes/providers';
import type { Scenario } from '../../../server/src/probes/scenarios';
import { transcriptSchema, type Transcript } from '../../../server/src/probes/transcript';
import { Commands } from '../../../server/src/protocol/lsp';
import { getApiKey } from './apiKeys';
import { baseUrlFor } from './probeSettings';

export class ProbeRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
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
  const ref = parseModelRef(request.model);
  const apiKey = await getApiKey(request.secrets, ref.provider);
  if (!apiKey && providerInfo(ref.provider).requiresKey) {
    throw new ProbeRequestError(
      `No API key for ${ref.provider}. Run "Samsara: Set API Key…" and choose ${ref.provider}.`,
      'PROBE_MISSING_KEY',
      ref.provider,
    );
  }
  const args: ProbeArgs = { text: request.text, model: request.model, scenario: request.scenario };
  if (apiKey) args.apiKey = apiKey;
  const baseUrl = baseUrlFor(ref.provider, request.log);
  if (baseUrl) args.baseUrl = baseUrl;

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
      throw new ProbeRequestError(`The server returned an invalid transcript: ${parsed.error.issues[0]?.message}`, undefined, ref.provider);
    return parsed.data;
  } catch (error) {
    if (request.token.isCancellationRequested) throw new ProbeCancelled('cancelled');
    if (error instanceof ProbeRequestError) throw error;
    if (error instanceof ResponseError) {
      const data = error.data as Partial<ProbeErrorData> | undefined;
      throw new ProbeRequestError(error.message, data?.code, data?.provider ?? ref.provider);
    }
    throw new ProbeRequestError(error instanceof Error ? error.message : String(error), undefined, ref.provider);
  } finally {
    progress.dispose();
  }
}
