// A client that advertises workspace/configuration but never answers it must not stall the
// server: after a few seconds the defaults apply (logged once), the sidecar starts, documents are
// analysed, a probe returns, and a cancelled probe returns its (empty) transcript marked cancelled.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { ProbeErrorData } from '../../../shared/lsp';
import { probeResultSchema } from '../../../shared/probes/messages';
import { LspTestClient } from '../../helpers/lspClient';
import { requireRealSidecar } from '../../helpers/paths';
import { waitFor } from '../../helpers/waitFor';

requireRealSidecar();

const TIMEOUT_LINE = /did not answer workspace\/configuration within \d+ ms; using the default settings/g;

/** Settles the promise into a value or the error, so the test can look at either. */
function outcome<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe('a client that never answers workspace/configuration', { timeout: 120_000 }, () => {
  let client: LspTestClient;

  before(async () => {
    // No settings can reach the server: the sidecar is the bundled one it finds by default.
    client = await LspTestClient.start({ neverAnswerConfiguration: true });
  });

  after(async () => {
    await client.shutdown();
  });

  it('starts the sidecar with the defaults, analyses a document, and logs the timeout once', async () => {
    await client.waitForStatus((s) => s.state === 'ready', { timeoutMs: 60_000 });
    const uri = 'file:///unanswered.txt';
    await client.open(uri, 'Barack Obama visited Paris.');
    const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, { timeoutMs: 60_000 });
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['GPE', 'PERSON']);
    assert.ok(client.configurationRequests >= 2, `the server asked (global and per document): ${client.configurationRequests}`);
    assert.equal(client.logText().match(TIMEOUT_LINE)?.length, 1, client.logText());
  });

  it('returns a probe (here: the missing-key error the default settings lead to)', async () => {
    const result = await outcome(
      client.request('workspace/executeCommand', {
        command: 'samsara.probe',
        arguments: [{ text: 'Ada met Babbage.', model: 'openai:gpt-4o' }],
      }),
    );
    assert.ok(result.error instanceof ResponseError, `an error response, not a hang: ${JSON.stringify(result)}`);
    assert.equal((result.error.data as ProbeErrorData | undefined)?.code, 'PROBE_MISSING_KEY');
  });

  it('returns a cancelled probe as cancelled', async () => {
    const requestsBefore = client.configurationRequests;
    const cancel = new CancellationTokenSource();
    const pending = outcome(
      client.request(
        'workspace/executeCommand',
        { command: 'samsara.probe', arguments: [{ text: 'Ada met Babbage.', model: 'ollama:llama3.1' }] },
        cancel.token,
      ),
    );
    // Cancelled while the server still waits for the configuration it will never get.
    await waitFor(() => client.configurationRequests > requestsBefore, { message: 'the probe asked for its settings' });
    cancel.cancel();
    const result = await pending;
    const answer = probeResultSchema.safeParse(result.value);
    assert.ok(answer.success, `a cancelled probe answers with its partial transcript: ${JSON.stringify(result)}`);
    assert.equal(answer.data.transcript.run.outcome, 'cancelled');
    assert.equal(answer.data.transcript.totals.turns, 0, 'no turn was answered');
    assert.equal(client.logText().match(TIMEOUT_LINE)?.length, 1, 'still logged once');
  });
});
