// Renders transcripts as Markdown for reading in the editor: one probe, or several models on
// the same scenario side by side (a summary table, then each turn with every model's answer).
// Pure and free of vscode so unit tests cover it and every front door renders the same text.
// Replies and prompts are untrusted text (a reply may follow a prompt injection hidden in the
// document): their raw HTML is shown as text and links to `command:` (and other schemes that act
// inside the editor) are defused, so opening a transcript in the Markdown preview loads nothing
// remote and runs nothing (issue 20, attack 5).
import { entityList, FIDELITY_NOTE, fidelityCounts } from './fidelityText';
import { modelLabel } from './providers';
import type { Transcript, Turn } from './transcript';

export function transcriptToMarkdown(t: Transcript): string {
  // A list of facts, not a table: a table needs a header row, and these facts have none.
  const facts: string[] = [
    fact('Outcome', outcomeText(t)),
    fact(
      'Model',
      `${escapeInline(modelLabel(t.modelRequested))} (\`${t.modelRequested}\`)${t.modelVersion ? `, version ${code(t.modelVersion)}` : ''}`,
    ),
  ];
  const from = sourceText(t);
  if (from) facts.push(fact('Source', from));
  facts.push(
    fact('Started', `${t.run.startedAt}, ${t.run.durationMs} ms`),
    fact('Tokens (in / out)', `${t.totals.inputTokens} / ${t.totals.outputTokens}${t.totals.estimated ? ' (estimated)' : ''}`),
  );
  if (t.totals.costUsd !== undefined)
    facts.push(fact('Cost', `${usd(t.totals.costUsd)}${t.totals.estimated ? ' (from estimated tokens)' : ''}`));
  if (t.estimate) {
    const cost = t.estimate.costUsd !== undefined ? `, about ${usd(t.estimate.costUsd)}` : '';
    facts.push(fact('Estimate before sending', `${t.estimate.inputTokens} input tokens (${methodText(t.estimate.method)})${cost}`));
  }
  facts.push(fact('Retries', String(t.totals.retries)));
  if (t.parameters) {
    facts.push(fact('Streamed', t.parameters.stream ? 'yes' : 'no'));
    const sent = Object.entries(t.parameters.request ?? {});
    if (sent.length > 0) facts.push(fact('Parameters sent', sent.map(([k, v]) => `\`${k}\` ${v}`).join(', ')));
    if (t.parameters.baseUrl) facts.push(fact('Base URL', code(t.parameters.baseUrl)));
  }
  if (t.entity) facts.push(fact('Entity', escapeInline(entityList([t.entity]))));
  if (t.pseudonymization) {
    const p = t.pseudonymization;
    facts.push(fact('Pseudonymised', `on: ${p.labels.join(', ')} (${p.mapping.length} names replaced before sending)`));
  }
  if (t.entitiesProblem) facts.push(fact('Entity fidelity', `not available: ${escapeInline(t.entitiesProblem)}`));
  facts.push(fact('Run id', `\`${t.run.id}\``));
  const lines: string[] = [`# ${escapeInline(t.scenario.title)} — ${escapeInline(modelLabel(t.modelRequested))}`, '', ...facts, ''];
  if (t.pseudonymization) lines.push(...pseudonymizationSection(t.pseudonymization));
  lines.push('## System prompt', '', quote(untrusted(t.scenario.preamble)), '');
  if (t.pseudonymization?.sentPreamble !== undefined)
    lines.push('**Sent** (pseudonymised)', '', quote(untrusted(t.pseudonymization.sentPreamble)), '');
  for (const turn of t.turns) {
    lines.push(`## Turn ${turn.index + 1}${turnKind(turn)}`, '', '**Prompt**', '', quote(untrusted(turn.prompt)), '');
    if (turn.sentPrompt !== undefined) lines.push('**Sent** (pseudonymised)', '', quote(untrusted(turn.sentPrompt)), '');
    lines.push(...turnBody(turn), ...fidelityLines(turn), '');
  }
  if (t.turns.some((turn) => turn.entities)) lines.push(`_${FIDELITY_NOTE}_`, '');
  if (t.errors.length > 0) {
    lines.push('## Errors', '');
    for (const e of t.errors) lines.push(`- Turn ${e.turn + 1}: \`${e.code}\` ${escapeInline(e.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function fact(name: string, value: string): string {
  return `- **${name}:** ${value}`;
}

/** "`notes/chapter1.md`, lines 3–7": where the passage came from, as far as the transcript knows. */
export function sourceText(t: Pick<Transcript, 'file' | 'lines'>): string | undefined {
  if (t.file === undefined) return undefined;
  return `${code(t.file)}${t.lines ? `, ${lineRangeText(t.lines)}` : ''}`;
}

/** "line 3", "lines 3–7". */
export function lineRangeText(lines: { start: number; end: number }): string {
  return lines.end > lines.start ? `lines ${lines.start}–${lines.end}` : `line ${lines.start}`;
}

function turnKind(turn: Turn): string {
  if (turn.role !== 'followUp') return '';
  return turn.label ? ` (follow-up: ${escapeInline(turn.label)})` : ' (follow-up)';
}

function pseudonymizationSection(p: NonNullable<Transcript['pseudonymization']>): string[] {
  return [
    '## Pseudonymisation',
    '',
    `Names labelled ${p.labels.join(', ')} were replaced by placeholders in everything sent; the model never saw them. The answers below show the names restored.`,
    '',
    '| Placeholder | Name | Label |',
    '|---|---|---|',
    ...p.mapping.map((m) => `| \`${m.placeholder}\` | ${escapeInline(m.text)} | ${m.label} |`),
    '',
  ];
}

function fidelityLines(turn: Turn): string[] {
  const f = turn.entities;
  if (!f) return [];
  return [
    '',
    `**Entities** _(heuristic)_: ${fidelityCounts(f)}`,
    '',
    `- Mentioned: ${escapeInline(entityList(f.mentioned))}`,
    `- Missing: ${escapeInline(entityList(f.missing))}`,
    `- Not in the source: ${escapeInline(entityList(f.unsupported))}`,
  ];
}

function outcomeText(t: Transcript): string {
  return t.run.endedBecause ? `${t.run.outcome} (${escapeInline(t.run.endedBecause)})` : t.run.outcome;
}

function methodText(method: NonNullable<Transcript['estimate']>['method']): string {
  return method === 'chars' ? 'about 4 characters a token' : `${method} tokenizer`;
}

/** "$0.0042": dollars with enough digits to show a fraction of a cent. */
export function usd(value: number): string {
  if (value === 0) return '$0';
  const digits = value >= 1 ? 2 : Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(value))));
  return `$${value.toFixed(digits)}`;
}

/** "stop", "length (truncated)", "blocked: SAFETY"… as the transcript shows it. */
function finishText(turn: Turn): string | undefined {
  if (!turn.finish) return undefined;
  const raw = turn.finishReason && turn.finishReason !== turn.finish ? ` (${escapeInline(turn.finishReason)})` : '';
  if (turn.finish === 'length') return `length${raw}: truncated`;
  if (turn.finish === 'blocked') return `blocked: ${escapeInline(turn.blockReason ?? turn.finishReason ?? 'no reason given')}`;
  return `${turn.finish}${raw}`;
}

function turnBody(turn: Turn): string[] {
  const facts = [
    `${turn.tokens.input} in / ${turn.tokens.output} out${turn.tokens.estimated ? ' (estimated)' : ''}`,
    ...(turn.costUsd !== undefined ? [usd(turn.costUsd)] : []),
    `${turn.durationMs} ms`,
    `${turn.retries} retries`,
    ...(turn.finish ? [`finish: ${finishText(turn)}`] : []),
    ...(turn.modelVersion ? [code(turn.modelVersion)] : []),
    ...(turn.systemFingerprint ? [code(turn.systemFingerprint)] : []),
    ...(turn.requestId ? [`request ${code(turn.requestId)}`] : []),
  ];
  // Plain Markdown (no <sub>): a preview and a text editor both read it.
  const sub = `**Details:** ${facts.join(' · ')}`;
  const usage = turn.tokens.usageProblem ? ['', `**Usage:** ${escapeInline(turn.tokens.usageProblem)}`] : [];
  if (turn.error) return [`**Error** (\`${turn.error.code}\`): ${escapeInline(turn.error.message)}`, '', sub];
  if (turn.finish === 'cancelled') {
    return ['**Cancelled** — what had arrived:', '', turn.response === '' ? '_Nothing yet._' : untrusted(turn.response), '', sub, ...usage];
  }
  if (turn.response === '') return [`**No answer** — ${finishText(turn) ?? 'empty'}`, '', sub, ...usage];
  const truncated = turn.finish === 'length' ? ['', '_The answer was cut at the token limit._'] : [];
  const raw = turn.rawResponse !== undefined ? ['', '**As received** (placeholders)', '', quote(untrusted(turn.rawResponse))] : [];
  return ['**Response**', '', untrusted(turn.response), ...truncated, ...raw, '', sub, ...usage];
}

/** Several transcripts of the same scenario and selection, side by side. */
export function comparisonToMarkdown(transcripts: readonly Transcript[]): string {
  if (transcripts.length === 0) return '# Model comparison\n\nNo results.\n';
  const first = transcripts[0];
  const from = sourceText(first);
  const lines: string[] = [
    `# ${escapeInline(first.scenario.title)} — ${transcripts.length} models`,
    '',
    ...(from ? [`**Source:** ${from}`, ''] : []),
    '| Model | Version | Outcome | Tokens in / out | Cost | Duration | Retries |',
    '|---|---|---|---|---|---|---|',
    ...transcripts.map(
      (t) =>
        `| \`${t.modelRequested}\` | ${code(t.modelVersion)} | ${outcomeText(t)} | ${t.totals.inputTokens} / ${t.totals.outputTokens}${t.totals.estimated ? ' (est.)' : ''} | ${t.totals.costUsd !== undefined ? usd(t.totals.costUsd) : '—'} | ${t.run.durationMs} ms | ${t.totals.retries} |`,
    ),
    '',
  ];
  const turnCount = Math.max(...transcripts.map((t) => t.turns.length));
  for (let index = 0; index < turnCount; index++) {
    const prompt = transcripts.find((t) => t.turns[index])?.turns[index]?.prompt ?? '';
    lines.push(`## Turn ${index + 1}`, '', quote(untrusted(prompt)), '');
    for (const t of transcripts) {
      lines.push(`### ${escapeInline(modelLabel(t.modelRequested))}`, '');
      const turn = t.turns[index];
      lines.push(...(turn ? [...turnBody(turn), ...fidelityLines(turn)] : ['_Not reached._']), '');
    }
  }
  return lines.join('\n');
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function code(text: string | undefined): string {
  return text ? `\`${text.replace(/`/g, "'")}\`` : '—';
}

function escapeInline(text: string): string {
  return untrusted(text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|'));
}

/** Schemes that act inside the editor or the page rather than open a document. */
const ACTING_SCHEME = /\b(command|vscode|vscode-insiders|javascript|data|file|vbscript):(?=\S)/gi;

/**
 * Untrusted Markdown made inert, its code left as written: outside code fences and code spans,
 * `<` becomes `&lt;` (no raw HTML: no remote image, no script, no autolink) and an acting scheme
 * loses its colon to a look-alike (`command꞉…` is a relative link to nowhere).
 */
export function untrusted(text: string): string {
  let fence: string | undefined;
  return text
    .split('\n')
    .map((line) => {
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence !== undefined) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
        return line;
      }
      if (marker) {
        fence = marker;
        return line;
      }
      // Odd pieces of the split are code spans (`…`): kept as they are.
      return line
        .split(/(`+[^`]*`+)/)
        .map((piece, i) => (i % 2 === 1 ? piece : piece.replace(/</g, '&lt;').replace(ACTING_SCHEME, '$1\uA789')))
        .join('');
    })
    .join('\n');
}
