// The "Samsara" log channel redacts every known key from everything written through it, whatever
// the method: the language client's trace (append + appendLine of JSON), log levels, replace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { RedactingLogChannel, SecretSet } from '../../../client/src/redactingLog';

const KEY = 'sk-trace-Q8w7E6r5T4y3U2i1';

/** A stand-in LogOutputChannel that records what reaches it. */
function recorder(): { channel: vscode.LogOutputChannel; written: string[] } {
  const written: string[] = [];
  const record = (text: string): void => void written.push(text);
  const channel = {
    name: 'Samsara',
    logLevel: 1,
    onDidChangeLogLevel: () => ({ dispose() {} }),
    trace: record,
    debug: record,
    info: record,
    warn: record,
    error: (e: string | Error) => record(String(e)),
    append: record,
    appendLine: record,
    replace: record,
    clear() {},
    show() {},
    hide() {},
    dispose() {},
  } as unknown as vscode.LogOutputChannel;
  return { channel, written };
}

test('nothing written through the channel carries a key or any 8-character slice of one', () => {
  const { channel, written } = recorder();
  const secrets = new SecretSet();
  secrets.add(KEY);
  const log = new RedactingLogChannel(channel, secrets);
  // What vscode-languageclient writes for a verbose trace of samsara.probe:
  log.append('[Trace - 10:00:00] ');
  log.appendLine(
    `Sending request 'workspace/executeCommand - (7)'.\nParams: ${JSON.stringify({ command: 'samsara.probe', arguments: [{ apiKey: KEY }] }, null, 4)}`,
  );
  log.info('key', KEY.slice(3, 15), { nested: KEY });
  log.error(new Error(`failed with ${KEY}`));
  log.replace(`x ${KEY.slice(-10)}`);
  const all = written.join('\n');
  assert.ok(all.includes('samsara.probe') && all.includes('[redacted]'), all);
  for (let i = 0; i + 8 <= KEY.length; i++) assert.ok(!all.includes(KEY.slice(i, i + 8)), `slice ${i} reached the log`);
});

test('a key added later is redacted from then on; other text passes unchanged', () => {
  const { channel, written } = recorder();
  const secrets = new SecretSet();
  const log = new RedactingLogChannel(channel, secrets);
  log.appendLine('plain text, nothing secret');
  secrets.add(`  ${KEY}  `);
  log.appendLine(`now ${KEY}`);
  assert.deepEqual(written, ['plain text, nothing secret', 'now [redacted]']);
});
