// What the probe suites over LSP share: fake providers started per test and closed after it, and
// a `samsara.probe` command with a key, its provider pointed at a fake, the answer schema-checked.
import { probeResultSchema, type ProbeResult } from '../../shared/lsp';
import { startFakeProvider, type FakeProvider } from '../fixtures/fakeProviders/fakeProvider';
import type { LspTestClient } from './lspClient';

export class FakeProviders {
  private readonly started: FakeProvider[] = [];

  async start(...args: Parameters<typeof startFakeProvider>): Promise<FakeProvider> {
    const fake = await startFakeProvider(...args);
    this.started.push(fake);
    return fake;
  }

  /** Every fake started so far. */
  get all(): readonly FakeProvider[] {
    return this.started;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.started.splice(0).map((fake) => fake.close()));
  }
}

/** Runs `samsara.probe` with `apiKey`, the provider's base URL set to a fake (plus `probes` settings). */
export async function probeOverLsp(
  client: LspTestClient,
  apiKey: string,
  provider: string,
  baseUrl: string,
  args: Record<string, unknown>,
  probes: Record<string, unknown> = {},
): Promise<ProbeResult> {
  client.settings = { probes: { baseUrls: { [provider]: baseUrl }, ...probes } };
  return probeResultSchema.parse(
    await client.request<unknown>('workspace/executeCommand', { command: 'samsara.probe', arguments: [{ apiKey, ...args }] }),
  );
}
