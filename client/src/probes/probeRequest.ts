// Sends one `samsara.probe` to the language server: key from SecretStorage, progress shown from
// the server's $/progress, a run id for the live stream, cancellation forwarded. The server
// answers a cancelled probe too (its partial transcript, saved), so cancelling is not an error.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, ResponseError, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { isErrorCode, type ErrorCode } from '../../../shared/errors';
import { Commands, probeErrorDataSchema, probeResultSchema, type ProbeArgs, type ProbeResult } from '../../../shared/lsp';
import { resolveModelSpec } from '../../../shared/probes/providers';
import type { Scenario } from '../../../shared/probes/scenario';
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

/** Where the text came from ({{file}}) and its lines, the whole document ({{document}}), the entity ({{entity}}). */
export type ProbeSource = Pick<ProbeArgs, 'uri' | 'document' | 'entity' | 'lines'>;

export interface ProbeRequest {
  client: LanguageClient;
  secrets: vscode.SecretStorage;
  text: string;
  model: string;
  scenario: Scenario;
  token: vscode.CancellationToken;
  /** Set to receive the answer as `samsara/probeStream` notifications. */
  runId?: string;
  onProgress?: (message: string) => void;
  /** Labels to pseudonymise ([] = off for this probe); absent: the server's setting. */
  pseudonymize?: string[];
  source?: ProbeSource;
  /** Shared by the probes of one comparison. */
  group?: string;
}

/** The provider a model spec names, if the spec is valid (the server has the last word). */
export function providerOf(model: string): string | undefined {
  const ref = resolveModelSpec(model);
  return 'provider' in ref ? ref.provider : undefined;
}

export async function sendProbe(request: ProbeRequest): Promise<ProbeResult> {
  // The server decides whether this provider needs a key (PROBE_MISSING_KEY); the client only
  // sends the one it holds, if any.
  const provider = providerOf(request.model);
  const apiKey = provider ? await getApiKey(request.secrets, provider) : undefined;
  const args: ProbeArgs = { text: request.text, model: request.model, scenario: request.scenario.id };
  if (apiKey) args.apiKey = apiKey;
  if (request.runId) args.runId = request.runId;
  if (request.pseudonymize) args.pseudonymize = request.pseudonymize;
  if (request.group) args.group = request.group;
  Object.assign(args, request.source ?? {});

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
    const parsed = probeResultSchema.safeParse(result);
    if (!parsed.success) {
      throw new ProbeRequestError(
        `The server returned an invalid probe result: ${parsed.error.issues[0]?.message}`,
        'SERVER_BAD_REPLY',
        provider,
      );
    }
    return parsed.data;
  } catch (error) {
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
