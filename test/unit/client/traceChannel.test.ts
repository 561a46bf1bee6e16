// The language client's trace and untyped lines reach the log once, without the client's own time
// stamp (the log stamps each line itself): "[Trace - 10:20:30 AM] " and "[LSP   - …] " go.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as vscode from 'vscode';
import { TraceChannel } from '../../../client/src/traceChannel';

function channel(): { trace: TraceChannel; lines: string[] } {
  const lines: string[] = [];
  const log = { name: 'Samsara' } as unknown as vscode.LogOutputChannel;
  return { trace: new TraceChannel(log, (_log, line) => lines.push(line)), lines };
}

test('a trace entry written as append(stamp) + appendLine(payload) is one line without the stamp', () => {
  const { trace, lines } = channel();
  trace.append('[LSP   - 10:20:30 AM] ');
  trace.appendLine('{"isLSPMessage":true,"type":"send-request","message":{"id":1}}');
  trace.appendLine("[Trace - 10:20:31 AM] Sending request 'initialize - (0)'.");
  trace.appendLine('[Info  - 10:20:32 AM] untyped server line');
  assert.deepEqual(lines, [
    '{"isLSPMessage":true,"type":"send-request","message":{"id":1}}',
    "Sending request 'initialize - (0)'.",
    'untyped server line',
  ]);
});

test('text that only looks like a stamp in the middle is kept; empty lines are dropped', () => {
  const { trace, lines } = channel();
  trace.appendLine('Params: [Trace - not a stamp] stays');
  trace.appendLine('');
  trace.replace('replaced text');
  assert.deepEqual(lines, ['Params: [Trace - not a stamp] stays', 'replaced text']);
});
