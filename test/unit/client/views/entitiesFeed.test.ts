import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EntitiesFeed, type FeedState } from '../../../../client/src/views/entitiesFeed';
import { sampleModel } from './fixtures';

const URI = 'file:///ws/notes.md';
const OTHER = 'file:///ws/other.md';

/** A server whose answers the test releases one by one, and a clock the test advances. */
function harness() {
  const asked: { uri: string; answer: (value: unknown) => void; fail: (error: Error) => void }[] = [];
  const timers: { callback: () => void; ms: number; cancelled: boolean }[] = [];
  const warnings: string[] = [];
  const feed = new EntitiesFeed({
    request: (uri) =>
      new Promise((resolve, reject) => {
        asked.push({ uri, answer: resolve, fail: reject });
      }),
    schedule: (callback, ms) => {
      const timer = { callback, ms, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    delayMs: 200,
    warn: (message) => warnings.push(message),
  });
  const states: FeedState[] = [];
  feed.onDidChange((state) => states.push(state));
  const tick = (): void => {
    for (const timer of timers.splice(0)) if (!timer.cancelled) timer.callback();
  };
  return { feed, asked, timers, warnings, states, tick };
}

/** The shown model, read through a function so an earlier assertion cannot narrow the state. */
function model(feed: EntitiesFeed) {
  const state: FeedState = feed.state;
  return state.kind === 'ready' ? state.model : undefined;
}

/** Lets the request promises settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Entities view: feed', () => {
  it('asks for the shown document at once and shows the checked answer', async () => {
    const { feed, asked } = harness();
    feed.show(URI);
    assert.equal(feed.state.kind, 'waiting');
    assert.deepEqual(
      asked.map((a) => a.uri),
      [URI],
    );
    asked[0]!.answer(sampleModel());
    await settle();
    assert.equal(feed.state.kind, 'ready');
    assert.equal(model(feed)?.labels[0]?.entities[0]?.text, 'Bill Gates');
  });

  it('null (not analysed yet) keeps it waiting; the change notification then brings the model', async () => {
    const { feed, asked, tick } = harness();
    feed.show(URI);
    asked[0]!.answer(null);
    await settle();
    assert.equal(feed.state.kind, 'waiting');
    feed.changed(URI);
    tick();
    asked[1]!.answer(sampleModel());
    await settle();
    assert.equal(feed.state.kind, 'ready');
  });

  it('coalesces a burst of change notifications into one request after the delay', async () => {
    const { feed, asked, timers, tick } = harness();
    feed.show(URI);
    asked[0]!.answer(sampleModel(1));
    await settle();
    for (let i = 0; i < 20; i++) feed.changed(URI);
    assert.equal(asked.length, 1, 'nothing asked before the delay');
    assert.equal(timers.filter((t) => !t.cancelled).length, 1);
    assert.equal(timers[0]!.ms, 200);
    tick();
    assert.equal(asked.length, 2);
  });

  it('ignores changes of other documents', () => {
    const { feed, timers } = harness();
    feed.show(URI);
    feed.changed(OTHER);
    assert.equal(timers.length, 0);
  });

  it('a change while a request is in flight asks once more after it answers, never twice at once', async () => {
    const { feed, asked, tick } = harness();
    feed.show(URI);
    feed.changed(URI);
    tick();
    feed.changed(URI);
    tick();
    assert.equal(asked.length, 1, 'one request at a time');
    asked[0]!.answer(sampleModel(1));
    await settle();
    assert.equal(asked.length, 2, 'the changes are fetched after the answer');
    asked[1]!.answer(sampleModel(2));
    await settle();
    assert.equal(model(feed)?.version, 2);
  });

  it('drops an answer about a document no longer shown', async () => {
    const { feed, asked } = harness();
    feed.show(URI);
    feed.show(OTHER);
    asked[0]!.answer(sampleModel());
    await settle();
    assert.deepEqual(feed.state, { kind: 'waiting', uri: OTHER });
    asked[1]!.answer({ ...sampleModel(), uri: OTHER });
    await settle();
    assert.equal(model(feed)?.uri, OTHER);
  });

  it('never replaces a model by an older version', async () => {
    const { feed, asked } = harness();
    feed.show(URI);
    asked[0]!.answer(sampleModel(5));
    await settle();
    feed.refresh();
    asked[1]!.answer(sampleModel(4));
    await settle();
    assert.equal(model(feed)?.version, 5);
  });

  it('a malformed answer is an error state naming the field, and a warning; the next answer recovers', async () => {
    const { feed, asked, warnings } = harness();
    feed.show(URI);
    asked[0]!.answer({ uri: URI, version: 1, labels: [{ label: 'PERSON', explanation: 'x', entities: [{ key: 'k' }] }] });
    await settle();
    assert.equal(feed.state.kind, 'error');
    assert.match(feed.state.kind === 'error' ? feed.state.message : '', /labels\.0\.entities\.0\.text/);
    assert.equal(warnings.length, 1);
    feed.refresh();
    asked[1]!.answer(sampleModel());
    await settle();
    assert.equal(feed.state.kind, 'ready');
  });

  it('a failed request is an error state with the reason', async () => {
    const { feed, asked } = harness();
    feed.show(URI);
    asked[0]!.fail(new Error('connection closed'));
    await settle();
    assert.deepEqual(feed.state, { kind: 'error', uri: URI, message: 'connection closed' });
  });

  it('while hidden, changes are noted and fetched when the view shows again', async () => {
    const { feed, asked, timers } = harness();
    feed.show(URI);
    asked[0]!.answer(sampleModel(1));
    await settle();
    feed.setVisible(false);
    feed.changed(URI);
    assert.equal(timers.length, 0);
    assert.equal(asked.length, 1);
    feed.setVisible(true);
    assert.equal(asked.length, 2);
  });

  it('a hidden view asks nothing when a document is shown, and asks once it becomes visible', () => {
    const { feed, asked } = harness();
    feed.setVisible(false);
    feed.show(URI);
    feed.refresh();
    assert.equal(asked.length, 0);
    assert.equal(feed.state.kind, 'waiting');
    feed.setVisible(true);
    assert.deepEqual(
      asked.map((a) => a.uri),
      [URI],
    );
  });

  it('showing the same document again does not ask again; clearing cancels the pending refresh', async () => {
    const { feed, asked, timers, states } = harness();
    feed.show(URI);
    feed.show(URI);
    assert.equal(asked.length, 1);
    feed.changed(URI);
    feed.clear('notAnalysed');
    assert.equal(timers[0]!.cancelled, true);
    assert.deepEqual(states.at(-1), { kind: 'none', reason: 'notAnalysed' });
  });
});
