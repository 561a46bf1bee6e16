// The doctor's report as Markdown: what the editor opens and what `samsara doctor` prints.
import type { DoctorReport, PipelineFacts, ProviderFacts } from './doctorReport';

const MAX_MODELS_SHOWN = 20;

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function providerStatus(p: ProviderFacts): string {
  if (!p.checked) return p.key === 'missing' ? 'not checked (no key)' : 'not checked';
  if (!p.reachable) return `unreachable: ${p.problem ?? 'no answer'}`;
  if (p.authorised === false) return `reachable, key refused (${p.problem ?? `HTTP ${p.status ?? '?'}`})`;
  if (p.problem) return `reachable; ${p.problem}`;
  return `OK, ${p.models?.length ?? 0} models`;
}

export function doctorToMarkdown(report: DoctorReport): string {
  const s = report.sidecar;
  const lines = [
    '# Samsara Doctor',
    '',
    `Samsara ${report.samsaraVersion} · ${report.runtime} · ${report.generatedAt}`,
    '',
    '## Sidecar',
    '',
    `**${s.ok ? 'OK' : 'NOT RUNNING'}**${s.problem ? ` — ${cell(s.problem)}` : ''}`,
    '',
    '| | |',
    '|---|---|',
    `| Path | ${s.path ? `\`${s.path}\`` : '—'}${s.source ? ` (${s.source})` : ''} |`,
    `| Model | ${s.model ? `${s.model} ${s.modelVersion ?? ''}`.trim() : '—'} |`,
    `| Model source | ${s.modelSource ?? '—'} |`,
    `| spaCy | ${s.spacyVersion ?? '—'} |`,
    `| Started | ${s.startedAt ?? '—'} |`,
    `| Memory (RSS) | ${s.rssBytes !== undefined ? megabytes(s.rssBytes) : '—'} |`,
    `| Process | ${s.pid ?? '—'} |`,
    '',
    ...pipelineLines(report.pipelines),
    '## Providers',
    '',
    '| Provider | Key | Base URL | Status | Latency |',
    '|---|---|---|---|---|',
    ...report.providers.map(
      (p) =>
        `| ${p.label} (\`${p.id}\`) | ${p.key === 'present' ? `yes${p.keySource ? ` (${p.keySource})` : ''}` : p.key === 'missing' ? '**no**' : 'not needed'} | ${cell(p.baseUrl)} | ${cell(providerStatus(p))} | ${p.latencyMs !== undefined ? `${p.latencyMs} ms` : '—'} |`,
    ),
    '',
  ];
  const ollama = report.providers.find((p) => p.id === 'ollama');
  lines.push('## Ollama', '');
  if (ollama?.reachable && ollama.models) {
    const shown = ollama.models.slice(0, MAX_MODELS_SHOWN);
    lines.push(
      ollama.models.length === 0
        ? 'Reachable; no models pulled yet (`ollama pull llama3.1`).'
        : `Reachable; ${ollama.models.length} models:`,
      '',
      ...shown.map((m) => `- \`${m}\``),
      ...(ollama.models.length > shown.length ? [`- … and ${ollama.models.length - shown.length} more`] : []),
    );
  } else {
    lines.push(`Not reachable at ${ollama?.baseUrl ?? 'its default address'}${ollama?.problem ? `: ${cell(ollama.problem)}` : ''}.`);
  }
  const t = report.transcripts;
  lines.push(
    '',
    '## Transcripts',
    '',
    t.folder
      ? `\`${t.folder}\`: ${t.writable ? 'writable' : 'NOT writable'}${t.note ? `, ${t.note}` : ''}${t.problem ? ` — ${cell(t.problem)}` : ''}`
      : `No folder: ${cell(t.problem ?? 'unknown')}`,
    '',
    '## Workspace trust',
    '',
    report.trust,
    '',
  );
  return lines.join('\n');
}

/** Each loaded language model with its memory, then each installed one with its size on disk. */
function pipelineLines(facts: PipelineFacts | undefined): string[] {
  if (!facts) return [];
  const lines = ['## Language models', ''];
  if (facts.loaded.length === 0) lines.push('None loaded.', '');
  else
    lines.push(
      '| Loaded | Language | State | Workers | Memory (RSS) | Idle |',
      '|---|---|---|---|---|---|',
      ...facts.loaded.map(
        (p) =>
          `| ${cell(p.pipeline)} | ${p.language} | ${p.state} | ${p.workers} | ${p.rssBytes !== undefined ? megabytes(p.rssBytes) : '—'} | ${Math.round(p.idleMs / 60_000)} min |`,
      ),
      '',
    );
  if (facts.installed.length === 0) lines.push('No other language models installed.', '');
  else
    lines.push(
      '| Installed | Language | Version | Size | Folder |',
      '|---|---|---|---|---|',
      ...facts.installed.map(
        (p) =>
          `| ${cell(p.name)} | ${p.language} | ${p.version} | ${megabytes(p.sizeBytes)}${p.supportBytes ? ` + ${megabytes(p.supportBytes)} dictionary` : ''} | \`${cell(p.path)}\` |`,
      ),
      '',
    );
  return lines;
}

/** Providers that need a key and have none. */
export function missingKeys(report: DoctorReport): string[] {
  return report.providers.filter((p) => p.key === 'missing').map((p) => p.id);
}
