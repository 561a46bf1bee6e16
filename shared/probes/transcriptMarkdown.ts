// Renders transcripts as Markdown for reading in the editor: one probe, or several models on
// the same scenario side by side (a summary table, then each turn with every model's answer).
// Pure and free of vscode so unit tests cover it and the client bundles it.
import type { Transcript, Turn } from './transcript';

export function transcriptToMarkdown(t: Transcript): string {
  const lines: string[] = [
    `# ${t.scenario.title} — ${t.modelRequested}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Outcome | ${t.run.outcome} |`,
    `| Model requested | \`${t.modelRequested}\` |`,
    `| Model version | ${code(t.modelVersion)} |`,
    `| Started | ${t.run.startedAt} |`,
    `| Duration | ${t.run.durationMs} ms |`,
    `| Tokens (in / out) | ${t.totals.inputTokens} / ${t.totals.outputTokens}${t.totals.estimated ? ' (estimated)' : ''} |`,
    `| Retries | ${t.totals.retries} |`,
    `| Run id | \`${t.run.id}\` |`,
    '',
    '## System prompt',
    '',
    quote(t.scenario.preamble),
    '',
  ];
  for (const turn of t.turns) {
    lines.push(`## Turn ${turn.index + 1}${turn.role === 'followUp' ? ' (follow-up)' : ''}`, '', '**Prompt**', '', quote(turn.prompt), '');
    lines.push(...turnBody(turn), '');
  }
  if (t.errors.length > 0) {
    lines.push('## Errors', '');
    for (const e of t.errors) lines.push(`- Turn ${e.turn + 1}: \`${e.code}\` ${escapeInline(e.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}

function turnBody(turn: Turn): string[] {
  const facts = `<sub>${turn.tokens.input} in / ${turn.tokens.output} out${turn.tokens.estimated ? ' (estimated)' : ''} · ${turn.durationMs} ms · ${turn.retries} retries${turn.modelVersion ? ` · ${escapeInline(turn.modelVersion)}` : ''}${turn.systemFingerprint ? ` · ${escapeInline(turn.systemFingerprint)}` : ''}${turn.requestId ? ` · request ${escapeInline(turn.requestId)}` : ''}</sub>`;
  if (turn.error) return [`**Error** (\`${turn.error.code}\`): ${escapeInline(turn.error.message)}`, '', facts];
  return ['**Response**', '', turn.response, '', facts];
}

/** Several transcripts of the same scenario and selection, side by side. */
export function comparisonToMarkdown(transcripts: readonly Transcript[]): string {
  if (transcripts.length === 0) return '# Model comparison\n\nNo results.\n';
  const first = transcripts[0];
  const lines: string[] = [
    `# ${first.scenario.title} — ${transcripts.length} models`,
    '',
    '| Model | Version | Outcome | Tokens in / out | Duration | Retries |',
    '|---|---|---|---|---|---|',
    ...transcripts.map(
      (t) =>
        `| \`${t.modelRequested}\` | ${code(t.modelVersion)} | ${t.run.outcome} | ${t.totals.inputTokens} / ${t.totals.outputTokens}${t.totals.estimated ? ' (est.)' : ''} | ${t.run.durationMs} ms | ${t.totals.retries} |`,
    ),
    '',
  ];
  const turnCount = Math.max(...transcripts.map((t) => t.turns.length));
  for (let index = 0; index < turnCount; index++) {
    const prompt = transcripts.find((t) => t.turns[index])?.turns[index]?.prompt ?? '';
    lines.push(`## Turn ${index + 1}`, '', quote(prompt), '');
    for (const t of transcripts) {
      lines.push(`### ${t.modelRequested}`, '');
      const turn = t.turns[index];
      lines.push(...(turn ? turnBody(turn) : ['_Not reached._']), '');
    }
  }
  return lines.join('\n');
}

/** A file-name-safe stem: 2024-05-01T10-20-30Z-summarize-openai-gpt-4o. */
export function transcriptFileStem(t: Transcript): string {
  const time = t.run.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `${time}-${t.scenario.id}-${t.modelRequested}`.replace(/[^A-Za-z0-9._-]+/g, '-');
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
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
