// Small helpers the server benches share.
import { LspTestClient } from '../test/helpers/lspClient';
import { realSidecar } from '../test/helpers/paths';
import { semanticTokens } from '../test/helpers/entityRequests';

export const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;
export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const fmt = (n: number, digits = 1): string => n.toFixed(digits);
/** Bytes of a message's JSON payload (what dominates it on the wire). */
export const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** A server with the real sidecar, ready and warm (one analysis of unrelated text done). */
export async function startServer(settings: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}): Promise<LspTestClient> {
  // A client with semantic tokens, as VS Code is; its diagnostics (none at the default Hint) at
  // Information, so the figures count the publication a user who raised the severity pays for.
  const client = await LspTestClient.start({
    semanticTokens: true,
    settings: { sidecar: { path: realSidecar }, diagnostics: { severity: 'Information' }, ...settings },
    env,
  });
  await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
  await client.open('file:///warm.txt', 'Warm up with Angela Merkel in Paris.');
  await semanticTokens(client, 'file:///warm.txt');
  return client;
}
