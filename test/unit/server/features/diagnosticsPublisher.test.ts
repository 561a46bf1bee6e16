import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EntityModel, type DocumentEntity } from '../../../../server/src/entities/entityModel';
import { DiagnosticsPublisher, SMALL_PUBLICATION, type Later } from '../../../../server/src/features/diagnosticsPublisher';

/** A model of `count` entities ("Ada" repeated) of the document `uri` at `version`. */
function modelOf(uri: string, version: number, count: number): EntityModel {
  const text = 'Ada '.repeat(count);
  const entities: DocumentEntity[] = Array.from({ length: count }, (_, i) => ({
    label: 'PERSON',
    text: 'Ada',
    start: i * 4,
    end: i * 4 + 3,
  }));
  return EntityModel.build(TextDocument.create(uri, 'plaintext', version, text), entities);
}

/** Timers run by hand: `elapse(ms)` runs what is due, in order. */
function manualTimers(): { later: Later; elapse(ms: number): void; scheduled(): number[] } {
  let now = 0;
  let tasks: { at: number; run: () => void }[] = [];
  return {
    later: (ms, run) => {
      const task = { at: now + ms, run };
      tasks.push(task);
      return () => (tasks = tasks.filter((t) => t !== task));
    },
    elapse(ms) {
      now += ms;
      const due = tasks.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
      tasks = tasks.filter((t) => t.at > now);
      for (const task of due) task.run();
    },
    scheduled: () => tasks.map((t) => t.at - now),
  };
}

function setUp(quietMs: number): {
  publisher: DiagnosticsPublisher;
  timers: ReturnType<typeof manualTimers>;
  sent: { uri: string; version: number; count: number }[];
  latest: Map<string, EntityModel>;
} {
  const timers = manualTimers();
  const sent: { uri: string; version: number; count: number }[] = [];
  const latest = new Map<string, EntityModel>();
  const publisher = new DiagnosticsPublisher({
    send: (uri, version, diagnostics) => sent.push({ uri, version, count: diagnostics.length }),
    isLatest: (model) => latest.get(model.uri) === model,
    quietMs: () => quietMs,
    later: timers.later,
  });
  return { publisher, timers, sent, latest };
}

const build = (model: EntityModel): Diagnostic[] => model.entities.map((entity) => ({ range: entity.range, message: entity.text }));

describe('DiagnosticsPublisher', () => {
  it('holds a large publication until typing pauses, then sends the latest model only', () => {
    const { publisher, timers, sent, latest } = setUp(300);
    const first = modelOf('file:///long.md', 2, SMALL_PUBLICATION + 1);
    latest.set(first.uri, first);
    publisher.publish(first, build);
    timers.elapse(200);
    assert.deepEqual(sent, [], 'nothing before the pause');
    const second = modelOf('file:///long.md', 3, SMALL_PUBLICATION + 2);
    latest.set(second.uri, second);
    publisher.publish(second, build);
    timers.elapse(200);
    assert.deepEqual(sent, [], 'a newer model starts the pause again');
    timers.elapse(100);
    assert.deepEqual(sent, [{ uri: 'file:///long.md', version: 3, count: SMALL_PUBLICATION + 2 }]);
    assert.equal(publisher.waiting, 0);
  });

  it('sends a small publication at once, without waiting for a pause', () => {
    const { publisher, timers, sent, latest } = setUp(300);
    const small = modelOf('file:///note.md', 1, 3);
    latest.set(small.uri, small);
    publisher.publish(small, build);
    assert.deepEqual(timers.scheduled(), [0]);
    timers.elapse(0);
    assert.deepEqual(sent, [{ uri: 'file:///note.md', version: 1, count: 3 }]);
  });

  it('holds nothing back from a client without semantic tokens (quietMs 0): diagnostics are its highlighting', () => {
    const { publisher, timers, sent, latest } = setUp(0);
    const large = modelOf('file:///long.md', 1, SMALL_PUBLICATION * 2);
    latest.set(large.uri, large);
    publisher.publish(large, build);
    timers.elapse(0);
    assert.deepEqual(sent, [{ uri: 'file:///long.md', version: 1, count: SMALL_PUBLICATION * 2 }]);
  });

  it('sends nothing for a document cleared, closed or replaced while its publication waited', () => {
    const { publisher, timers, sent, latest } = setUp(300);
    const cleared = modelOf('file:///cleared.md', 1, SMALL_PUBLICATION + 1);
    const replaced = modelOf('file:///replaced.md', 1, SMALL_PUBLICATION + 1);
    latest.set(cleared.uri, cleared);
    latest.set(replaced.uri, replaced);
    publisher.publish(cleared, build);
    publisher.publish(replaced, build);
    publisher.cancel(cleared.uri);
    latest.set(replaced.uri, modelOf('file:///replaced.md', 2, 1));
    timers.elapse(1000);
    assert.deepEqual(sent, []);
    assert.equal(publisher.waiting, 0);
  });

  it('keeps documents apart: a publication for one does not delay another', () => {
    const { publisher, timers, sent, latest } = setUp(300);
    const a = modelOf('file:///a.md', 1, SMALL_PUBLICATION + 1);
    const b = modelOf('file:///b.md', 1, 2);
    latest.set(a.uri, a);
    latest.set(b.uri, b);
    publisher.publish(a, build);
    publisher.publish(b, build);
    timers.elapse(0);
    assert.deepEqual(
      sent.map((s) => s.uri),
      ['file:///b.md'],
    );
    timers.elapse(300);
    assert.deepEqual(
      sent.map((s) => s.uri),
      ['file:///b.md', 'file:///a.md'],
    );
  });
});
