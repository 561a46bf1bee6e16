// The probe history: every transcript of the folder read for the facts a tree groups by (date,
// scenario, model, comparison), newest first. A file that is not a readable transcript (broken
// JSON, an unknown shape, a newer version) is reported with its reason and skipped: one bad file
// never hides the others.
import type { HistoryEntry, ReadTranscriptsResult, TranscriptHistory } from '../../../shared/probes/historyMessages';
import type { Transcript } from '../../../shared/probes/transcript';
import type { TranscriptStore } from './transcriptStore';

/** More files than this are not read (the newest are): a history is for browsing, not an archive. */
export const MAX_HISTORY_FILES = 1000;

export async function readHistory(store: TranscriptStore): Promise<TranscriptHistory> {
  const items = (await store.list()).slice(0, MAX_HISTORY_FILES);
  const entries: HistoryEntry[] = [];
  const problems: TranscriptHistory['problems'] = [];
  for (const item of items) {
    try {
      const { transcript: t } = await store.read(item.json);
      entries.push({
        json: item.json,
        ...(item.markdown ? { markdown: item.markdown } : {}),
        name: item.name,
        startedAt: t.run.startedAt,
        scenarioId: t.scenario.id,
        scenarioTitle: t.scenario.title,
        model: t.modelRequested,
        outcome: t.run.outcome,
        ...(t.run.group ? { group: t.run.group } : {}),
        pseudonymized: t.pseudonymization !== undefined,
        excerpt: excerpt(t.selection),
        ...(t.file !== undefined ? { file: t.file } : {}),
        ...(t.lines ? { lines: t.lines } : {}),
        ...(reasonOf(t) ? { reason: reasonOf(t) } : {}),
      });
    } catch (error) {
      problems.push({ file: item.json, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  entries.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  return { folder: store.folder, entries, problems };
}

/** The first words of a passage, on one line: how a list tells transcripts of the same model apart. */
export function excerpt(text: string, words = 12): string {
  const all = text.replace(/\s+/g, ' ').trim().split(' ');
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ');
}

function reasonOf(t: Transcript): string | undefined {
  return t.run.endedBecause ?? t.errors[0]?.message;
}

/** Saved transcripts read whole: the files named, or every one of a comparison group. */
export async function readTranscripts(
  store: TranscriptStore,
  request: { json?: string[]; group?: string },
): Promise<ReadTranscriptsResult> {
  let files = request.json ?? [];
  const problems: ReadTranscriptsResult['problems'] = [];
  if (request.group !== undefined) {
    const history = await readHistory(store);
    files = [...files, ...history.entries.filter((e) => e.group === request.group).map((e) => e.json)];
  }
  const transcripts: ReadTranscriptsResult['transcripts'] = [];
  for (const json of [...new Set(files)]) {
    try {
      const read = await store.read(json);
      transcripts.push({
        json,
        transcript: read.transcript,
        ...(read.migratedFrom !== undefined ? { migratedFrom: read.migratedFrom } : {}),
      });
    } catch (error) {
      problems.push({ file: json, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  // Oldest first, as they were run: a comparison's columns keep the order the models were picked.
  transcripts.sort((a, b) => (a.transcript.run.startedAt < b.transcript.run.startedAt ? -1 : 1));
  return { transcripts, problems };
}
