// The language client, when a command needs it running: one check and one message for every
// command that talks to the server.
import type { LanguageClient } from 'vscode-languageclient/node';

export type GetClient = () => LanguageClient | undefined;

/** The client's lifecycle as commands need it (ctx.ts). */
export interface ClientHandle {
  readonly languageClient: LanguageClient | undefined;
  /** Starts the language server if no document has yet (the server is started when first needed). */
  ensureStarted(): Promise<void>;
}

/** The running client; otherwise an error that says what to do. */
export function runningClient(getClient: GetClient): LanguageClient {
  const client = getClient();
  if (!client?.isRunning())
    throw new Error('The Samsara language server is not running. Run "Samsara: Restart Sidecar" or check the logs.');
  return client;
}
