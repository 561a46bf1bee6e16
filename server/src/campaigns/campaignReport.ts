// A campaign's results judged and summed up per model — pass rate, entity fidelity, tokens, cost,
// latency p50/p95 — and written as a table (the terminal), Markdown (a pull request), JSON (other
// tools) or JUnit XML (a CI fails the build on it: one test case per job, one failure per unmet
// expectation).
import { usd } from '../../../shared/probes/transcriptMarkdown';
import type { Expectations } from './campaignSchema';
import type { JobResult } from './campaignResults';
import { judge, type Verdict } from './expectations';

export interface JudgedJob {
  result: JobResult;
  verdicts: Verdict[];
  passed: boolean;
}

export interface ModelSummary {
  model: string;
  jobs: number;
  passed: number;
  passRate: number;
  /** Share of the passages' names the answers kept (entity fidelity), when the sidecar gave entities. */
  fidelity?: number;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
}

export interface CampaignReport {
  campaign: string;
  jobs: JudgedJob[];
  models: ModelSummary[];
  passed: boolean;
}

/** `modelOrder`: the campaign file's models, the order summaries follow (not the order jobs ended in). */
export function judgeResults(
  campaign: string,
  results: readonly JobResult[],
  expectOf: (r: JobResult) => Expectations,
  modelOrder: readonly string[] = [],
): CampaignReport {
  const jobs = results.map((result) => {
    const verdicts = judge(result.transcript, expectOf(result));
    return { result, verdicts, passed: verdicts.every((v) => v.passed) };
  });
  const rank = (model: string): number => (modelOrder.includes(model) ? modelOrder.indexOf(model) : modelOrder.length);
  const seen = [...new Set(jobs.map((j) => j.result.model))].sort((a, b) => rank(a) - rank(b));
  const models = seen.map((model) =>
    summarize(
      model,
      jobs.filter((j) => j.result.model === model),
    ),
  );
  return { campaign, jobs, models, passed: jobs.every((j) => j.passed) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function summarize(model: string, jobs: readonly JudgedJob[]): ModelSummary {
  const transcripts = jobs.map((j) => j.result.transcript);
  const fidelities = transcripts.flatMap((t) =>
    t.turns.flatMap((turn) =>
      turn.entities && turn.entities.source.length > 0 ? [turn.entities.mentioned.length / turn.entities.source.length] : [],
    ),
  );
  const costs = transcripts.map((t) => t.totals.costUsd).filter((c): c is number => c !== undefined);
  const latencies = transcripts.map((t) => t.run.durationMs).sort((a, b) => a - b);
  const passed = jobs.filter((j) => j.passed).length;
  return {
    model,
    jobs: jobs.length,
    passed,
    passRate: jobs.length ? passed / jobs.length : 0,
    ...(fidelities.length ? { fidelity: fidelities.reduce((a, b) => a + b, 0) / fidelities.length } : {}),
    inputTokens: transcripts.reduce((a, t) => a + t.totals.inputTokens, 0),
    outputTokens: transcripts.reduce((a, t) => a + t.totals.outputTokens, 0),
    ...(costs.length ? { costUsd: Math.round(costs.reduce((a, b) => a + b, 0) * 1e8) / 1e8 } : {}),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
  };
}

const pct = (x: number | undefined): string => (x === undefined ? '—' : `${Math.round(x * 100)}%`);

function rows(report: CampaignReport): string[][] {
  return report.models.map((m) => [
    m.model,
    `${m.passed}/${m.jobs} (${pct(m.passRate)})`,
    pct(m.fidelity),
    `${m.inputTokens}/${m.outputTokens}`,
    m.costUsd === undefined ? '—' : usd(m.costUsd),
    `${m.latencyP50Ms}/${m.latencyP95Ms} ms`,
  ]);
}
const HEADER = ['model', 'passed', 'fidelity', 'tokens in/out', 'cost', 'latency p50/p95'];

function failures(report: CampaignReport): string[] {
  return report.jobs
    .filter((j) => !j.passed)
    .flatMap((j) =>
      j.verdicts
        .filter((v) => !v.passed)
        .map(
          (v) =>
            `${j.result.model} · ${j.result.scenario} · ${j.result.passage} #${j.result.repeat}: ${v.name}${v.detail ? ` (${v.detail})` : ''}`,
        ),
    );
}

export function reportTable(report: CampaignReport): string {
  const all = [HEADER, ...rows(report)];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => r[i]?.length ?? 0)));
  const lines = all.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const failed = failures(report);
  return [...lines, ...(failed.length ? ['', 'Unmet expectations:', ...failed.map((f) => `  ${f}`)] : [])].join('\n') + '\n';
}

export function reportMarkdown(report: CampaignReport): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const table = [HEADER, HEADER.map(() => '---'), ...rows(report)].map((r) => `| ${r.map(esc).join(' | ')} |`);
  const failed = failures(report);
  return [
    `# Campaign ${report.campaign}: ${report.passed ? 'all expectations met' : 'some expectations unmet'}`,
    '',
    ...table,
    ...(failed.length ? ['', '## Unmet expectations', '', ...failed.map((f) => `- ${esc(f)}`)] : []),
    '',
  ].join('\n');
}

export function reportJson(report: CampaignReport): string {
  const jobs = report.jobs.map((j) => ({
    key: j.result.key,
    model: j.result.model,
    scenario: j.result.scenario,
    passage: j.result.passage,
    repeat: j.result.repeat,
    outcome: j.result.transcript.run.outcome,
    passed: j.passed,
    verdicts: j.verdicts,
  }));
  return `${JSON.stringify({ campaign: report.campaign, passed: report.passed, models: report.models, jobs }, null, 2)}\n`;
}

function xml(text: string): string {
  return (
    text
      // XML 1.0 cannot carry control characters other than tab and line breaks, even escaped.
      .replace(/\p{Cc}/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : ''))
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** JUnit XML as CI servers read it: a suite per model, a case per job, a failure per unmet expectation. */
export function reportJunit(report: CampaignReport): string {
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const suites = report.models.map((m) => {
    const jobs = report.jobs.filter((j) => j.result.model === m.model);
    const time = jobs.reduce((a, j) => a + j.result.transcript.run.durationMs, 0);
    const cases = jobs.map((j) => {
      const name = `${j.result.scenario} · ${j.result.passage} #${j.result.repeat}`;
      const failed = j.verdicts.filter((v) => !v.passed);
      const body = failed.map((v) => `      <failure message="${xml(v.name)}" type="expectation">${xml(v.detail ?? v.name)}</failure>`);
      const open = `    <testcase classname="${xml(`${report.campaign}.${m.model}`)}" name="${xml(name)}" time="${seconds(j.result.transcript.run.durationMs)}"`;
      return body.length ? [`${open}>`, ...body, '    </testcase>'].join('\n') : `${open}/>`;
    });
    const failures = jobs.filter((j) => !j.passed).length;
    return [
      `  <testsuite name="${xml(m.model)}" tests="${jobs.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(time)}">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const failures = report.jobs.filter((j) => !j.passed).length;
  const total = report.jobs.reduce((a, j) => a + j.result.transcript.run.durationMs, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(report.campaign)}" tests="${report.jobs.length}" failures="${failures}" errors="0" time="${seconds(total)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
