import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTranscript, TRANSCRIPT_SCHEMA_VERSION, transcriptSchema, type Transcript } from '../../../../shared/probes/transcript';
import { comparisonToMarkdown, transcriptToMarkdown, usd } from '../../../../shared/probes/transcriptMarkdown';

function transcript(overrides: Partial<Transcript> = {}): Transcript {
  const t: Transcript = {
    schemaVersion: 3,
    run: {
      id: '00000000-0000-4000-8000-000000000001',
      startedAt: '2025-03-04T05:06:07.890Z',
      endedAt: '2025-03-04T05:06:09.000Z',
      durationMs: 1110,
      samsaraVersion: '0.1.0',
      outcome: 'completed',
    },
    scenario: { id: 'summarize', title: 'Summarise', preamble: 'Be careful.', prompt: 'Sum: {{selection}}', followUps: ['Why?'] },
    provider: 'openai',
    modelRequested: 'openai:gpt-4o',
    modelVersion: 'gpt-4o-2024-08-06',
    selection: 'Ada',
    turns: [
      {
        index: 0,
        role: 'prompt',
        prompt: 'Sum: Ada',
        response: 'Ada is a person.',
        tokens: { input: 10, output: 5, estimated: false },
        modelVersion: 'gpt-4o-2024-08-06',
        systemFingerprint: 'fp_1',
        requestId: 'req_1',
        startedAt: '2025-03-04T05:06:07.890Z',
        endedAt: '2025-03-04T05:06:08.000Z',
        durationMs: 110,
        retries: 1,
        finish: 'stop',
        finishReason: 'stop',
        costUsd: 0.000012,
      },
      {
        index: 1,
        role: 'followUp',
        prompt: 'Why?',
        response: '',
        tokens: { input: 0, output: 0, estimated: false },
        requestId: 'req_2',
        startedAt: '2025-03-04T05:06:08.000Z',
        endedAt: '2025-03-04T05:06:09.000Z',
        durationMs: 1000,
        retries: 0,
        error: { code: 'PROBE_HTTP_ERROR', message: 'OpenAI returned HTTP 401 | bad', status: 401, retryable: false },
      },
    ],
    totals: { inputTokens: 10, outputTokens: 5, estimated: false, durationMs: 1110, retries: 1, turns: 1 },
    errors: [{ code: 'PROBE_HTTP_ERROR', message: 'OpenAI returned HTTP 401 | bad', status: 401, retryable: false, turn: 1 }],
    ...overrides,
  };
  return transcriptSchema.parse(t);
}

describe('transcriptToMarkdown', () => {
  const md = transcriptToMarkdown(transcript());
  it('has a title, the run facts and the system prompt', () => {
    assert.match(md, /^# Summarise — OpenAI gpt-4o\n/, 'the provider by its display name');
    assert.match(md, /^- \*\*Model:\*\* OpenAI gpt-4o \(`openai:gpt-4o`\), version `gpt-4o-2024-08-06`$/m);
    assert.match(md, /^- \*\*Tokens \(in \/ out\):\*\* 10 \/ 5$/m);
    assert.match(md, /^- \*\*Retries:\*\* 1$/m);
    assert.match(md, /## System prompt\n\n> Be careful\./);
  });
  it('shows each turn: prompt, response, per-turn facts; and errors', () => {
    assert.match(
      md,
      /## Turn 1\n\n\*\*Prompt\*\*\n\n> Sum: Ada\n\n\*\*Response\*\*\n\nAda is a person\.\n\n\*\*Details:\*\* 10 in \/ 5 out · \$0\.000012 · 110 ms · 1 retries · finish: stop · `gpt-4o-2024-08-06` · `fp_1` · request `req_1`/,
    );
    assert.match(md, /## Turn 2 \(follow-up\)/);
    assert.match(md, /\*\*Error\*\* \(`PROBE_HTTP_ERROR`\): OpenAI returned HTTP 401 \\\| bad/);
    assert.match(md, /## Errors\n\n- Turn 2: `PROBE_HTTP_ERROR`/);
  });
  it('is clean Markdown: no raw HTML, no table without a header', () => {
    for (const text of [md, comparisonToMarkdown([transcript(), transcript()])]) {
      assert.doesNotMatch(text, /<\/?[a-z]+[^>]*>/i, 'no HTML tag');
      assert.doesNotMatch(text, /^\|(\s*\|)+\s*$/m, 'no table row of empty cells');
    }
  });
  it('records where the passage came from: the document and its lines', () => {
    const from = transcriptToMarkdown(transcript({ file: 'chapters/one.md', lines: { start: 3, end: 7 } }));
    assert.match(from, /^- \*\*Source:\*\* `chapters\/one\.md`, lines 3–7$/m);
    assert.match(transcriptToMarkdown(transcript({ file: 'a.md', lines: { start: 4, end: 4 } })), /`a\.md`, line 4$/m);
    assert.match(
      comparisonToMarkdown([transcript({ file: 'a.md', lines: { start: 1, end: 2 } })]),
      /^\*\*Source:\*\* `a\.md`, lines 1–2$/m,
    );
  });
  it('marks estimated tokens', () => {
    const t = transcript();
    t.totals.estimated = true;
    assert.match(transcriptToMarkdown(t), /10 \/ 5 \(estimated\)/);
  });
});

describe('comparisonToMarkdown', () => {
  it('puts every model in the summary table and each turn side by side', () => {
    const a = transcript();
    const b = transcript({ provider: 'anthropic', modelRequested: 'anthropic:claude', modelVersion: 'claude-x', errors: [] });
    b.turns = [{ ...b.turns[0], response: 'Claude says hi.' }];
    const md = comparisonToMarkdown([a, b]);
    assert.match(md, /^# Summarise — 2 models/);
    assert.match(md, /\| `openai:gpt-4o` \| `gpt-4o-2024-08-06` \| completed \| 10 \/ 5 \| — \| 1110 ms \| 1 \|/);
    assert.match(md, /\| `anthropic:claude` \| `claude-x` \|/);
    assert.match(
      md,
      /## Turn 1\n\n> Sum: Ada\n\n### OpenAI gpt-4o\n\n\*\*Response\*\*\n\nAda is a person\.[\s\S]*### Anthropic claude\n\n\*\*Response\*\*\n\nClaude says hi\./,
    );
    assert.match(md, /## Turn 2[\s\S]*### Anthropic claude\n\n_Not reached\._/);
    assert.equal(comparisonToMarkdown([]), '# Model comparison\n\nNo results.\n');
  });
});

describe('finish reasons, cost, cancellation, usage problems', () => {
  it('marks a truncated answer, a blocked prompt, a cancelled turn and a usage fallback', () => {
    const t = transcript({ errors: [] });
    const [first] = t.turns;
    t.run = { ...t.run, outcome: 'cancelled', endedBecause: 'cancelled during turn 3' };
    t.totals = { ...t.totals, costUsd: 0.0042 };
    t.turns = [
      { ...first, finish: 'length', finishReason: 'max_tokens' },
      {
        ...first,
        index: 1,
        role: 'followUp',
        response: '',
        finish: 'blocked',
        finishReason: 'SAFETY',
        blockReason: 'SAFETY',
        costUsd: undefined,
      },
      {
        ...first,
        index: 2,
        role: 'followUp',
        response: 'Half an ans',
        finish: 'cancelled',
        finishReason: undefined,
        costUsd: undefined,
        tokens: { input: 3, output: 3, estimated: true, usageProblem: 'usage.prompt_tokens = -1 is not a token count; estimated instead' },
      },
    ];
    const md = transcriptToMarkdown(transcriptSchema.parse(t));
    assert.match(md, /^- \*\*Outcome:\*\* cancelled \(cancelled during turn 3\)$/m);
    assert.match(md, /^- \*\*Cost:\*\* \$0\.0042$/m);
    assert.match(md, /finish: length \(max_tokens\): truncated/);
    assert.match(md, /_The answer was cut at the token limit\._/);
    assert.match(md, /\*\*No answer\*\* — blocked: SAFETY/);
    assert.match(md, /\*\*Cancelled\*\* — what had arrived:\n\nHalf an ans/);
    assert.match(md, /\*\*Usage:\*\* usage\.prompt_tokens = -1 is not a token count; estimated instead/);
  });
  it('prints dollars with two significant digits under a dollar', () => {
    assert.deepEqual([usd(0), usd(0.0042), usd(0.5), usd(0.000123), usd(3.2)], ['$0', '$0.0042', '$0.50', '$0.00012', '$3.20']);
  });
});

describe('old transcripts', () => {
  it('a version 1 file is read and migrated, with every v1 field kept', () => {
    const v2 = transcript();
    const v1 = JSON.parse(JSON.stringify({ ...v2, schemaVersion: 1 })) as Record<string, unknown> & {
      turns: Array<Record<string, unknown>>;
    };
    for (const turn of v1.turns) for (const key of ['finish', 'finishReason', 'costUsd']) delete turn[key];
    const read = readTranscript(v1);
    assert.ok(read.ok);
    assert.equal(read.migratedFrom, 1);
    assert.equal(read.transcript.schemaVersion, 3);
    assert.equal(read.transcript.turns[0].response, 'Ada is a person.');
    assert.match(transcriptToMarkdown(read.transcript), /Ada is a person\./);
  });
  it('a v1 file with v2-only values, or a newer version, is refused with the reason', () => {
    const bad = readTranscript({ ...transcript(), schemaVersion: 1, run: { ...transcript().run, outcome: 'cancelled' } });
    assert.ok(!bad.ok && /run.outcome/.test(bad.problem));
    const newer = readTranscript({ ...transcript(), schemaVersion: 9 });
    assert.ok(!newer.ok && /newer than this Samsara reads/.test(newer.problem));
  });
});

describe('version 2 transcripts', () => {
  it('are read and migrated to the current version: follow-ups as written, the token limit they recorded', () => {
    const v3 = transcript();
    const v2 = JSON.parse(JSON.stringify({ ...v3, schemaVersion: 2, parameters: { stream: true, maxTokens: 1024 } })) as Record<
      string,
      unknown
    >;
    const read = readTranscript(v2);
    assert.ok(read.ok, read.ok ? '' : read.problem);
    assert.equal(read.migratedFrom, 2);
    assert.equal(read.transcript.schemaVersion, TRANSCRIPT_SCHEMA_VERSION);
    assert.deepEqual(read.transcript.scenario.followUps, ['Why?']);
    assert.deepEqual(read.transcript.parameters, { stream: true, maxTokens: 1024 });
    assert.equal(read.transcript.turns[0].entities, undefined);
    const bad = readTranscript({ ...v2, parameters: { stream: true } });
    assert.ok(!bad.ok && /parameters\.maxTokens/.test(bad.problem), 'a v2 file is checked against version 2 (its limit was required)');
  });
});

describe('fidelity and pseudonymisation in the Markdown', () => {
  it("shows the mapping, what was sent and received, labels, parameters and each turn's names", () => {
    const t = transcript({
      errors: [],
      file: 'notes/a.md',
      parameters: { stream: false, temperature: 0.2, maxTokens: 300, request: { temperature: 0.2, max_completion_tokens: 300 } },
      pseudonymization: {
        labels: ['PERSON'],
        mapping: [{ placeholder: '[PERSON_1]', text: 'Ada', label: 'PERSON' }],
        sentPreamble: 'Be careful with [PERSON_1].',
      },
    });
    t.turns = [
      {
        ...t.turns[0],
        sentPrompt: 'Sum: [PERSON_1]',
        rawResponse: '[PERSON_1] is a person.',
        entities: {
          source: [{ text: 'Ada', label: 'PERSON' }],
          reply: [
            { text: 'Ada', label: 'PERSON' },
            { text: 'Newton', label: 'PERSON' },
          ],
          mentioned: [{ text: 'Ada', label: 'PERSON' }],
          missing: [],
          unsupported: [{ text: 'Newton', label: 'PERSON' }],
        },
      },
      { ...t.turns[0], index: 1, role: 'followUp', label: 'Why', prompt: 'Why?' },
    ];
    const md = transcriptToMarkdown(transcriptSchema.parse(t));
    assert.match(md, /^- \*\*Parameters sent:\*\* `temperature` 0\.2, `max_completion_tokens` 300$/m);
    assert.match(md, /^- \*\*Source:\*\* `notes\/a\.md`$/m);
    assert.match(md, /^- \*\*Pseudonymised:\*\* on: PERSON \(1 names replaced before sending\)$/m);
    assert.match(
      md,
      /## Pseudonymisation\n\nNames labelled PERSON were replaced[^\n]*\n\n\| Placeholder \| Name \| Label \|\n\|---\|---\|---\|\n\| `\[PERSON_1\]` \| Ada \| PERSON \|/,
    );
    assert.match(md, /\*\*Sent\*\* \(pseudonymised\)\n\n> Be careful with \[PERSON_1\]\./);
    assert.match(md, /\*\*Sent\*\* \(pseudonymised\)\n\n> Sum: \[PERSON_1\]/);
    assert.match(md, /\*\*As received\*\* \(placeholders\)\n\n> \[PERSON_1\] is a person\./);
    assert.match(
      md,
      /\*\*Entities\*\* _\(heuristic\)_: 1 of 1 source names mentioned, 0 missing, 1 not in the source\n\n- Mentioned: Ada \(PERSON\)\n- Missing: —\n- Not in the source: Newton \(PERSON\)/,
    );
    assert.match(md, /## Turn 2 \(follow-up: Why\)/);
    assert.match(md, /_Entity fidelity is a heuristic, not a verdict/);
  });
});
