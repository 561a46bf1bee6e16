// The compare view's page for a campaign's results: one column per model, a row per passage ×
// scenario (× repeat), and in each cell whether every expectation was met, then each expectation
// with a tick or a cross and what was found. Pure (no vscode), so unit tests read the HTML. Same
// rules as compareHtml.ts: no script, no remote resource, every text escaped, the theme's colours
// (a verdict says "met"/"not met" in words too, never by colour alone). Fixed columns that wrap,
// so the page reads at half the window's width.
import type { CampaignCell, CampaignResult } from '../../../shared/probes/campaignMessages';
import { modelLabel } from '../../../shared/probes/providers';
import { usd } from '../../../shared/probes/transcriptMarkdown';
import { comparePage, escapeHtml } from './compareHtml';

const CAMPAIGN_STYLE = `
table.campaign { table-layout: fixed; }
table.campaign tr > :first-child { width: 8em; }
ul.verdicts { list-style: none; margin: 4px 0 0; padding: 0; }
ul.verdicts li { margin: 2px 0; }
.pass { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.fail { color: var(--vscode-testing-iconFailed, var(--vscode-errorForeground)); }
.verdict-detail { color: var(--vscode-descriptionForeground); }
`;

function cellHtml(cell: CampaignCell | undefined): string {
  if (!cell) return '<td class="muted">Not run.</td>';
  const head = cell.passed
    ? '<strong class="pass">✓ passed</strong>'
    : `<strong class="fail">✗ failed</strong>${cell.outcome === 'completed' ? '' : ` <span class="muted">(${escapeHtml(cell.outcome)})</span>`}`;
  const verdicts = cell.verdicts
    .map((v) => {
      const mark = v.passed ? '<span class="pass">✓ met</span>' : '<span class="fail">✗ not met</span>';
      const detail = v.detail ? ` <span class="verdict-detail">— ${escapeHtml(v.detail)}</span>` : '';
      return `<li data-verdict="${escapeHtml(v.name)}" data-passed="${v.passed}">${mark} ${escapeHtml(v.name)}${detail}</li>`;
    })
    .join('');
  return `<td data-model="${escapeHtml(cell.model)}" data-passed="${cell.passed}">${head}<ul class="verdicts">${verdicts}</ul></td>`;
}

function summaryRow(result: CampaignResult): string {
  const cells = result.models.map((model) => {
    const s = result.summaries.find((x) => x.model === model);
    if (!s) return `<td data-model="${escapeHtml(model)}" class="muted">No job done.</td>`;
    const all = s.passed === s.jobs;
    const cost = s.costUsd !== undefined ? ` · ${usd(s.costUsd)}` : '';
    return `<td data-model="${escapeHtml(model)}"><strong class="${all ? 'pass' : 'fail'}">${s.passed}/${s.jobs} passed</strong><br><span class="muted">${s.latencyP50Ms} ms median, ${s.latencyP95Ms} ms p95${cost}</span></td>`;
  });
  return `<tr data-row="summary"><th>All jobs</th>${cells.join('')}</tr>`;
}

/** The page of one campaign run's results. */
export function campaignHtml(result: CampaignResult, nonce: string): string {
  const title = `Campaign: ${result.campaign}`;
  const done = result.rows.reduce((n, r) => n + r.cells.length, 0);
  const missing = result.total - done;
  const facts = result.reopened
    ? [
        `${done}/${result.total} jobs have results`,
        missing > 0 ? `${missing} not run yet` : '',
        `opened from <code>${escapeHtml(result.resultsFolder)}</code>, judged with the campaign file as it is now (nothing was sent)`,
      ]
    : [
        `${done}/${result.total} jobs done`,
        result.skipped > 0 ? `${result.skipped} from an earlier run` : '',
        result.interrupted ? 'cancelled: run the campaign again to finish it' : '',
        `results in <code>${escapeHtml(result.resultsFolder)}</code>`,
      ];
  const verdict = result.passed
    ? '<p><strong class="pass">✓ Every expectation met.</strong></p>'
    : `<p><strong class="fail">✗ ${result.interrupted ? 'Not finished.' : 'Some expectations not met.'}</strong></p>`;
  const repeats = result.rows.some((r) => r.repeat > 1);
  const head = result.models
    .map((m) => `<th data-model="${escapeHtml(m)}" title="${escapeHtml(m)}">${escapeHtml(modelLabel(m))}</th>`)
    .join('');
  const rows = result.rows.map((row) => {
    const label = `${escapeHtml(row.passage)}<br><span class="muted">${escapeHtml(row.scenario)}${repeats ? ` #${row.repeat}` : ''}</span>`;
    const cells = result.models.map((m) => cellHtml(row.cells.find((c) => c.model === m)));
    return `<tr data-passage="${escapeHtml(row.passage)}" data-scenario="${escapeHtml(row.scenario)}"><th>${label}</th>${cells.join('')}</tr>`;
  });
  const table = `<table class="campaign"><thead><tr><th>Passage</th>${head}</tr></thead><tbody>${summaryRow(result)}${rows.join('')}</tbody></table>`;
  const saveNote = result.saveProblem ? `<p class="error">${escapeHtml(result.saveProblem)}</p>` : '';
  const body = [
    `<h1>${escapeHtml(title)}</h1>`,
    verdict,
    `<p class="muted">${facts.filter(Boolean).join(' · ')}</p>`,
    saveNote,
    table,
  ].join('\n');
  return comparePage(title, nonce, body, CAMPAIGN_STYLE);
}
