// The probe history as a tree, grouped by date, scenario or model: pure (no vscode), so unit
// tests check the grouping. A comparison's transcripts sit under one node when grouped by date
// (they ran together); a campaign's runs sit under the campaign, first, in every grouping (a
// campaign is hundreds of runs that would bury single probes); files that could not be read are
// listed apart, with their reasons. The probe store's transcripts (PostgreSQL) come last, under
// one node, grouped by campaign the same way.
import { campaignOfGroup } from '../../../shared/probes/campaignMessages';
import type { HistoryEntry, TranscriptHistory } from '../../../shared/probes/historyMessages';
import type { StoreEntry, StoreHistory } from '../../../shared/probes/storeMessages';
import { modelLabel } from '../../../shared/probes/providers';

export const GROUP_MODES = ['date', 'scenario', 'model'] as const;
export type GroupMode = (typeof GROUP_MODES)[number];

export type HistoryNode =
  | { kind: 'folder'; label: string; children: HistoryNode[] }
  | { kind: 'comparison'; group: string; label: string; description: string; entries: HistoryEntry[] }
  | { kind: 'campaign'; campaign: string; label: string; description: string; children: HistoryNode[]; stored?: boolean }
  | { kind: 'transcript'; entry: HistoryEntry; label: string; description: string }
  | { kind: 'skipped'; problems: TranscriptHistory['problems'] }
  | { kind: 'problem'; file: string; problem: string }
  /** The probe store (samsara.probes.store): its campaigns, or why it could not be read. */
  | { kind: 'store'; label: string; description: string; children: HistoryNode[]; problem?: string }
  | { kind: 'stored'; entry: StoreEntry; label: string; description: string };

/** Local date and time of an ISO instant: "2025-03-04", "05:06:07". */
export function localParts(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
  };
}

function transcriptNode(entry: HistoryEntry, mode: GroupMode): HistoryNode {
  const { date, time } = localParts(entry.startedAt);
  const when = mode === 'date' ? time : `${date} ${time}`;
  const label = mode === 'model' ? `${when} ${entry.scenarioId}` : `${when} ${modelLabel(entry.model)}`;
  const facts = [
    mode === 'scenario' ? '' : entry.scenarioTitle,
    entry.outcome === 'completed' ? '' : entry.outcome,
    entry.pseudonymized ? 'pseudonymised' : '',
  ];
  return { kind: 'transcript', entry, label, description: facts.filter(Boolean).join(' · ') };
}

/** Newest first within a day: single transcripts and comparisons (by their first run) together. */
function dayChildren(entries: HistoryEntry[]): HistoryNode[] {
  const byGroup = new Map<string, HistoryEntry[]>();
  const nodes: Array<{ at: string; node: HistoryNode }> = [];
  for (const entry of entries) {
    if (!entry.group) {
      nodes.push({ at: entry.startedAt, node: transcriptNode(entry, 'date') });
      continue;
    }
    const list = byGroup.get(entry.group) ?? [];
    list.push(entry);
    byGroup.set(entry.group, list);
  }
  for (const [group, list] of byGroup) {
    if (list.length === 1) {
      nodes.push({ at: list[0].startedAt, node: transcriptNode(list[0], 'date') });
      continue;
    }
    const ordered = [...list].sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
    const first = ordered[0];
    nodes.push({
      at: first.startedAt,
      node: {
        kind: 'comparison',
        group,
        label: `${localParts(first.startedAt).time} Comparison: ${first.scenarioTitle}`,
        description: `${ordered.length} models`,
        entries: ordered,
      },
    });
  }
  return nodes.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).map((n) => n.node);
}

/** A campaign's runs, newest first: when, model, and the passage (its file and lines, or its first words). */
function campaignNode(campaign: string, entries: HistoryEntry[]): HistoryNode {
  const children: HistoryNode[] = entries.map((entry) => {
    const { date, time } = localParts(entry.startedAt);
    const passage = entry.file ? `${entry.file}${entry.lines ? `:${entry.lines.start}-${entry.lines.end}` : ''}` : entry.excerpt;
    const facts = [entry.scenarioId, passage, entry.outcome === 'completed' ? '' : entry.outcome];
    return {
      kind: 'transcript',
      entry,
      label: `${date} ${time} ${modelLabel(entry.model)}`,
      description: facts.filter(Boolean).join(' · '),
    };
  });
  return campaignGroupNode(campaign, entries, children);
}

/** A campaign's node: its runs under it, how many and on how many models beside its name. */
function campaignGroupNode(campaign: string, entries: readonly { model: string }[], children: HistoryNode[], stored?: true): HistoryNode {
  const models = new Set(entries.map((e) => e.model)).size;
  const runs = `${entries.length} run${entries.length === 1 ? '' : 's'}`;
  return {
    kind: 'campaign',
    campaign,
    label: `Campaign: ${campaign}`,
    description: `${runs}, ${models} model${models === 1 ? '' : 's'}`,
    children,
    ...(stored ? { stored } : {}),
  };
}

export function groupHistory(history: TranscriptHistory, mode: GroupMode): HistoryNode[] {
  const campaigns = new Map<string, HistoryEntry[]>();
  const folders = new Map<string, HistoryEntry[]>();
  // Entries arrive newest first: folders (and campaigns) appear in that order too.
  for (const entry of history.entries) {
    const campaign = campaignOfGroup(entry.group);
    if (campaign !== undefined) {
      campaigns.set(campaign, [...(campaigns.get(campaign) ?? []), entry]);
      continue;
    }
    const key = mode === 'date' ? localParts(entry.startedAt).date : mode === 'scenario' ? entry.scenarioTitle : modelLabel(entry.model);
    folders.set(key, [...(folders.get(key) ?? []), entry]);
  }
  const nodes: HistoryNode[] = [...campaigns].map(([campaign, entries]) => campaignNode(campaign, entries));
  for (const [label, entries] of folders)
    nodes.push({ kind: 'folder', label, children: mode === 'date' ? dayChildren(entries) : entries.map((e) => transcriptNode(e, mode)) });
  if (history.problems.length > 0) nodes.push({ kind: 'skipped', problems: history.problems });
  return nodes;
}

/** A stored campaign's runs, newest first: when, model, and the passage. */
function storedCampaignNode(campaign: string, entries: StoreEntry[]): HistoryNode {
  const children: HistoryNode[] = entries.map((entry) => {
    const { date, time } = localParts(entry.startedAt);
    const facts = [entry.scenarioId, entry.repeat > 1 ? `${entry.passage} #${entry.repeat}` : entry.passage];
    if (entry.outcome !== 'completed') facts.push(entry.outcome);
    return { kind: 'stored', entry, label: `${date} ${time} ${modelLabel(entry.model)}`, description: facts.join(' · ') };
  });
  return campaignGroupNode(campaign, entries, children, true);
}

/** The probe store's node: its campaigns (newest first), or the problem that kept it from being read; none without a store. */
export function storeNodes(read: { history: StoreHistory } | { problem: string } | undefined): HistoryNode[] {
  if (!read) return [];
  if ('problem' in read)
    return [{ kind: 'store', label: 'Probe store', description: 'not available', children: [], problem: read.problem }];
  const { store, entries, truncated } = read.history;
  if (store === '') return [];
  const campaigns = new Map<string, StoreEntry[]>();
  for (const entry of entries) campaigns.set(entry.campaign, [...(campaigns.get(entry.campaign) ?? []), entry]);
  const count = `${entries.length}${truncated ? '+' : ''} transcript${entries.length === 1 ? '' : 's'}`;
  return [
    {
      kind: 'store',
      label: 'Probe store',
      description: `${store} · ${count}`,
      children: [...campaigns].map(([campaign, list]) => storedCampaignNode(campaign, list)),
    },
  ];
}
