// Server-sent events and each format's stream parser: text deltas in order, and the finish reason
// and usage taken from the stream's final events.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverSentEvents } from '../../../../server/src/probes/transport';
import { anthropicMessages } from '../../../../server/src/probes/wire/anthropicMessages';
import { geminiGenerateContent } from '../../../../server/src/probes/wire/geminiGenerateContent';
import { openaiChat } from '../../../../server/src/probes/wire/openaiChat';
import type { StreamEvent, WireFormat } from '../../../../server/src/probes/wire/wireFormat';
import { streamErrorEvent, streamEvents, type FakeFormat } from '../../../fixtures/fakeProviders/wireShapes';

/** A Response whose body arrives in the given pieces. */
function responseOf(pieces: string[]): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
}

async function collect(response: Response, max = 1_000_000): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of serverSentEvents(response, max)) events.push(event);
  return events;
}

const FORMATS: Array<[FakeFormat, WireFormat]> = [
  ['openai', openaiChat],
  ['anthropic', anthropicMessages],
  ['gemini', geminiGenerateContent],
];

describe('serverSentEvents', () => {
  it('joins data lines, keeps event names, skips comments, across any split and line ending', async () => {
    const text = 'event: a\r\ndata: one\r\ndata: two\r\n\r\n: comment\n\ndata: three\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      const events = await collect(responseOf([text.slice(0, cut), text.slice(cut)]));
      assert.deepEqual(
        events,
        [
          { event: 'a', data: 'one\ntwo' },
          { event: undefined, data: 'three' },
        ],
        `cut at ${cut}`,
      );
    }
  });
  it('stops past the byte limit', async () => {
    await assert.rejects(collect(responseOf(['data: 12345\n\n', 'data: 67890\n\n']), 16), /larger than 16 bytes/);
  });
});

for (const [format, wire] of FORMATS) {
  describe(`${format} stream parser`, () => {
    it('gives the deltas in order, then the reply with the final finish reason and usage', async () => {
      const raw = streamEvents(format, {
        text: 'Hello world',
        chunks: ['Hel', 'lo ', 'world'],
        usage: { input: 12, output: 3 },
        finish: undefined,
        n: 1,
      });
      const parser = wire.streamParser();
      const deltas: string[] = [];
      for (const event of await collect(responseOf(raw))) {
        const step = parser.push(event);
        assert.equal(step.error, undefined);
        if (step.delta) deltas.push(step.delta);
      }
      assert.deepEqual(deltas, ['Hel', 'lo ', 'world']);
      const reply = parser.finish();
      assert.equal(reply.text, 'Hello world');
      assert.equal(reply.finish, 'stop');
      assert.deepEqual([reply.inputTokens, reply.outputTokens], [12, 3]);
    });
    it('reads a truncated stream as length', async () => {
      const finish = { openai: 'length', anthropic: 'max_tokens', gemini: 'MAX_TOKENS' }[format];
      const parser = wire.streamParser();
      for (const event of await collect(responseOf(streamEvents(format, { text: 'ab', chunks: ['a', 'b'], finish, n: 1 }))))
        parser.push(event);
      assert.deepEqual([parser.finish().finish, parser.finish().finishReason], ['length', finish]);
    });
    it('reports an error event inside the stream', async () => {
      const parser = wire.streamParser();
      const [event] = await collect(responseOf([streamErrorEvent(format, 'overloaded_error', 'Overloaded')]));
      assert.deepEqual(parser.push(event).error, { message: 'Overloaded', type: 'overloaded_error' });
    });
  });
}

describe('Gemini stream of a blocked prompt', () => {
  it('ends as blocked with the reason', async () => {
    const parser = geminiGenerateContent.streamParser();
    for (const event of await collect(responseOf([`data: ${JSON.stringify({ promptFeedback: { blockReason: 'SAFETY' } })}\n\n`])))
      parser.push(event);
    const reply = parser.finish();
    assert.deepEqual([reply.text, reply.finish, reply.blockReason], ['', 'blocked', 'SAFETY']);
  });
});
