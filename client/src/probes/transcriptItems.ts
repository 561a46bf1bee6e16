// The rows of "Open Probe Transcript…", pure so unit tests read them: what a writer remembers of a
// run (scenario, model(s), outcome, date) and the first words of the passage with where it came
// from. Newest first; the runs of one comparison are one row naming all their models.
import { campaignOfGroup } from '../../../shared/probes/campaignMessages';
import type { HistoryEntry } from '../../../shared/probes/historyMessages';
import { modelLabel } from '../../../shared/probes/providers';
import { lineRangeText } from '../../../shared/probes/transcriptMarkdown';
import { localParts } from './historyTree';

export type TranscriptChoice = { kind: 'transcript'; entry: HistoryEntry } | { kind: 'comparison'; group: string; entries: HistoryEntry[] };

export interface TranscriptItem {
  label: string;
  description: string;
  detail: string;
  choice: TranscriptChoice;
}

function when(iso: string): string {
  const { date, time } = localParts(iso);
  return `${date} ${time.slice(0, 5)}`;
}

function passage(entry: HistoryEntry): string {
  const from = entry.file ? ` — ${entry.file}${entry.lines ? `, ${lineRangeText(entry.lines)}` : ''}` : '';
  return `${entry.excerpt ? `“${entry.excerpt}”` : '(no passage recorded)'}${from}`;
}

function outcome(entry: HistoryEntry): string {
  return entry.outcome === 'completed' ? 'completed' : `${entry.outcome}${entry.reason ? `: ${entry.reason}` : ''}`;
}

/** The quick pick's rows, newest first: a comparison is one row naming all its models. Pure, for tests. */
export function transcriptItems(entries: readonly HistoryEntry[]): TranscriptItem[] {
  const items: TranscriptItem[] = [];
  const groups = new Map<string, HistoryEntry[]>();
  // A campaign's runs are listed one by one (its group is no comparison: hundreds of passages).
  const groupOf = (entry: HistoryEntry): string | undefined => (campaignOfGroup(entry.group) === undefined ? entry.group : undefined);
  for (const entry of entries) {
    const group = groupOf(entry);
    if (group) groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const listed = new Set<string>();
  for (const entry of entries) {
    const group = groupOf(entry);
    const members = group ? (groups.get(group) ?? []) : [];
    if (group && members.length > 1) {
      if (listed.has(group)) continue;
      listed.add(group);
      const ordered = [...members].sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
      const outcomes = [...new Set(ordered.map((e) => e.outcome))];
      items.push({
        label: `$(split-horizontal) ${entry.scenarioTitle} — ${ordered.map((e) => modelLabel(e.model)).join(', ')}`,
        description: `${ordered.length} models · ${outcomes.join(', ')} · ${when(ordered[0].startedAt)}`,
        detail: passage(ordered[0]),
        choice: { kind: 'comparison', group, entries: ordered },
      });
      continue;
    }
    items.push({
      label: `$(comment-discussion) ${entry.scenarioTitle} — ${modelLabel(entry.model)}`,
      description: `${outcome(entry)} · ${when(entry.startedAt)}`,
      detail: passage(entry),
      choice: { kind: 'transcript', entry },
    });
  }
  return items;
}
