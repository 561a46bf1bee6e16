// The compare view's page: a summary of each model's run, then one side-by-side table per turn
// (reply, tokens, latency, finish reason, retries, entity fidelity), one column per model.
// Pure (no vscode), so unit tests read the HTML. Strict: no script, no remote resource, one
// style element allowed by its nonce; every text is escaped. Colours are the theme's own
// (--vscode-* variables), so the page follows the light, dark or high-contrast theme.
import type { NamedEntity } from '../../../shared/probes/fidelity';
import { FIDELITY_NOTE } from '../../../shared/probes/fidelityText';
import { normalizeFollowUp } from '../../../shared/probes/scenario';
import type { Transcript, Turn } from '../../../shared/probes/transcript';
import { lineRangeText, usd } from '../../../shared/probes/transcriptMarkdown';
import { modelLabel } from '../../../shared/probes/providers';
import { labelName } from '../../../shared/entityLabels';

/** A chosen model that gave no transcript (the compare view's type, kept here so this file stays pure). */
export interface CompareFailure {
  model: string;
  reason: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page's Content-Security-Policy: nothing may load or run; only the nonced style applies. */
export function compareCsp(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; font-src 'none'; script-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'`;
}

/** The narrowest a model's column gets; past that the table scrolls sideways rather than break words. */
const MODEL_COLUMN_EM = 16;
/** Widest comparison the style sizes a table for (more columns just scroll). */
const MAX_SIZED_COLUMNS = 8;

// At half the editor's width a table keeps its columns readable: words wrap only between words
// (overflow-wrap: break-word breaks a word only when it alone is wider than its column), numbers
// never wrap, and a table wider than the page scrolls sideways inside its .scroll box.
const STYLE = `
body { color: var(--vscode-editor-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
table.turn { table-layout: fixed; }
table.turn tr > :first-child { width: 8em; }
${Array.from({ length: MAX_SIZED_COLUMNS }, (_, i) => `table.turn[data-models="${i + 1}"] { min-width: ${8 + (i + 1) * MODEL_COLUMN_EM}em; }`).join('\n')}
th, td { border: 1px solid var(--vscode-panel-border, var(--vscode-editorWidget-border, #8884)); padding: 6px 8px; vertical-align: top; text-align: left; }
td { overflow-wrap: break-word; word-break: normal; }
.num { white-space: nowrap; }
table.summary th, table.summary td { white-space: nowrap; }
table.summary td.why { white-space: normal; min-width: 12em; }
thead th { background: var(--vscode-editorWidget-background); }
tbody th { color: var(--vscode-descriptionForeground); font-weight: normal; }
blockquote, .reply { white-space: pre-wrap; overflow-wrap: break-word; }
blockquote { margin: 4px 0; padding: 4px 10px; background: var(--vscode-textBlockQuote-background); border-left: 4px solid var(--vscode-textBlockQuote-border); }
code { font-family: var(--vscode-editor-font-family); }
.muted, .note { color: var(--vscode-descriptionForeground); }
.entity { display: inline-block; margin: 2px 4px 2px 0; padding: 1px 6px; line-height: 1.35; border-radius: 9px; border: 1px solid currentColor; }
.entity small { opacity: 0.8; }
.mentioned .entity { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.missing .entity { color: var(--vscode-editorWarning-foreground, var(--vscode-charts-yellow)); }
.unsupported .entity { color: var(--vscode-errorForeground, var(--vscode-charts-red)); }
.error { color: var(--vscode-errorForeground); }
.badge { padding: 1px 6px; border-radius: 4px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
`;

function entities(list: readonly NamedEntity[] | undefined): string {
  if (!list) return '<span class="muted">—</span>';
  if (list.length === 0) return '<span class="muted">none</span>';
  return list
    .map(
      (e) =>
        `<span class="entity" title="${escapeHtml(labelName(e.label))}">${escapeHtml(e.text)} <small>${escapeHtml(labelName(e.label))}</small></span>`,
    )
    .join('');
}

function finishOf(turn: Turn): string {
  if (turn.error) return `<span class="error">error: ${escapeHtml(turn.error.code)}</span>`;
  if (!turn.finish) return '—';
  const raw =
    turn.finishReason && turn.finishReason !== turn.finish ? ` <span class="muted">(${escapeHtml(turn.finishReason)})</span>` : '';
  return `${escapeHtml(turn.finish)}${raw}${turn.finish === 'length' ? ' — truncated' : ''}`;
}

function replyOf(turn: Turn): string {
  if (turn.error) return `<div class="reply error">${escapeHtml(turn.error.message)}</div>`;
  if (turn.response === '') return '<div class="reply muted">No answer.</div>';
  return `<div class="reply">${escapeHtml(turn.response)}</div>`;
}

type Row = [label: string, cell: (turn: Turn) => string, className?: string];

const ROWS: readonly Row[] = [
  ['Reply', replyOf],
  [
    'Tokens',
    (t) => `${t.tokens.input} in / ${t.tokens.output} out${t.tokens.estimated ? ' <span class="muted">(estimated)</span>' : ''}`,
    'num',
  ],
  ['Latency', (t) => `${t.durationMs} ms`, 'num'],
  ['Finish', finishOf],
  ['Retries', (t) => String(t.retries)],
  ['Mentioned', (t) => entities(t.entities?.mentioned), 'mentioned'],
  ['Missing', (t) => entities(t.entities?.missing), 'missing'],
  ['Not in the source', (t) => entities(t.entities?.unsupported), 'unsupported'],
];

function turnTable(transcripts: readonly Transcript[], index: number): string {
  const head = transcripts
    .map(
      (t) =>
        `<th data-model="${escapeHtml(t.modelRequested)}" title="${escapeHtml(t.modelRequested)}">${escapeHtml(modelLabel(t.modelRequested))}</th>`,
    )
    .join('');
  const rows = ROWS.map(([label, cell, className]) => {
    const cells = transcripts.map((t) => {
      const turn = t.turns[index];
      return `<td${className ? ` class="${className}"` : ''}>${turn ? cell(turn) : '<span class="muted">Not reached.</span>'}</td>`;
    });
    return `<tr data-row="${escapeHtml(label)}"><th>${escapeHtml(label)}</th>${cells.join('')}</tr>`;
  });
  return `<div class="scroll"><table class="turn" data-turn="${index + 1}" data-models="${transcripts.length}"><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/** Why a run ended other than completed: its words, or its first error. */
function whyEnded(t: Transcript): string | undefined {
  return t.run.endedBecause ?? (t.run.outcome === 'failed' ? t.errors[0]?.message : undefined);
}

function summary(transcripts: readonly Transcript[], failures: readonly CompareFailure[]): string {
  const rows = transcripts.map((t) => {
    const cost = t.totals.costUsd !== undefined ? usd(t.totals.costUsd) : '—';
    const reason = whyEnded(t);
    const why = reason ? ` <span class="muted">(${escapeHtml(reason)})</span>` : '';
    const outcome = t.run.outcome === 'failed' ? `<span class="error">failed</span>` : escapeHtml(t.run.outcome);
    return `<tr data-model="${escapeHtml(t.modelRequested)}"><td>${escapeHtml(modelLabel(t.modelRequested))}<br><code>${escapeHtml(t.modelRequested)}</code></td><td>${escapeHtml(t.modelVersion ?? '—')}</td><td class="why">${outcome}${why}</td><td class="num">${t.totals.inputTokens} / ${t.totals.outputTokens}${t.totals.estimated ? ' (est.)' : ''}</td><td class="num">${cost}</td><td class="num">${t.run.durationMs} ms</td><td class="num">${t.totals.retries}</td></tr>`;
  });
  // Models that gave no transcript at all are listed too: a comparison never loses a model silently.
  const refused = failures.map(
    (f) =>
      `<tr data-model="${escapeHtml(f.model)}" class="refused"><td>${escapeHtml(modelLabel(f.model))}<br><code>${escapeHtml(f.model)}</code></td><td>—</td><td class="why"><span class="error">failed</span> <span class="muted">(${escapeHtml(f.reason)})</span></td><td>—</td><td>—</td><td>—</td><td>—</td></tr>`,
  );
  return `<div class="scroll"><table class="summary"><thead><tr><th>Model</th><th>Version</th><th>Outcome</th><th>Tokens in / out</th><th>Cost</th><th>Duration</th><th>Retries</th></tr></thead><tbody>${[...rows, ...refused].join('')}</tbody></table></div>`;
}

function turnPrompt(transcripts: readonly Transcript[], index: number): { prompt: string; label?: string } {
  const turn = transcripts.map((t) => t.turns[index]).find((x) => x !== undefined);
  const planned = index === 0 ? undefined : transcripts[0]?.scenario.followUps[index - 1];
  return { prompt: turn?.prompt ?? '', label: turn?.label ?? (planned ? normalizeFollowUp(planned).label : undefined) };
}

/** The page; `failures` are chosen models that gave no transcript, listed in the summary with the reason. */
export function compareHtml(transcripts: readonly Transcript[], nonce: string, failures: readonly CompareFailure[] = []): string {
  const first = transcripts[0];
  const count = transcripts.length + failures.length;
  const title = first ? `${first.scenario.title} — ${count} models` : 'Model comparison';
  const parts: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  if (first) {
    const facts = [
      first.file !== undefined
        ? `Source: <code>${escapeHtml(first.file)}</code>${first.lines ? `, ${escapeHtml(lineRangeText(first.lines))}` : ''}`
        : '',
      first.entity ? `Entity: ${entities([first.entity])}` : '',
      first.pseudonymization
        ? `<span class="badge">Pseudonymised</span> ${escapeHtml(first.pseudonymization.labels.join(', '))}: ${first.pseudonymization.mapping.map((m) => `<code>${escapeHtml(m.placeholder)}</code> = ${escapeHtml(m.text)}`).join(', ')}`
        : '',
      `Started ${escapeHtml(first.run.startedAt)}`,
    ].filter(Boolean);
    parts.push(
      `<p class="muted">${facts.join(' · ')}</p>`,
      `<h2>Selection</h2><blockquote>${escapeHtml(first.selection)}</blockquote>`,
      summary(transcripts, failures),
    );
    const problems = transcripts.filter((t) => t.entitiesProblem).map((t) => `${modelLabel(t.modelRequested)}: ${t.entitiesProblem}`);
    if (problems.length > 0) parts.push(`<p class="note">No entity fidelity for ${escapeHtml(problems.join('; '))}</p>`);
  } else if (failures.length > 0) {
    parts.push(summary([], failures));
  }
  const turns = Math.max(0, ...transcripts.map((t) => t.turns.length));
  for (let index = 0; index < turns; index++) {
    const { prompt, label } = turnPrompt(transcripts, index);
    parts.push(
      `<h2>Turn ${index + 1}${label ? ` — ${escapeHtml(label)}` : ''}</h2>`,
      `<blockquote>${escapeHtml(prompt)}</blockquote>`,
      turnTable(transcripts, index),
    );
  }
  parts.push(`<p class="note">${escapeHtml(FIDELITY_NOTE)}</p>`);
  return comparePage(title, nonce, parts.join('\n'));
}

/** A whole page of the compare view: the strict CSP, the theme's colours, `extraStyle` after the shared style. */
export function comparePage(title: string, nonce: string, body: string, extraStyle = ''): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${compareCsp(nonce)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${nonce}">${STYLE}${extraStyle}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
  ].join('\n');
}
