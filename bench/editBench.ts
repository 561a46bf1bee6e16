// Section 2 of the server bench: one-line edits in a 300 KB document, each making its paragraph
// new, timed from didChange to the semantic tokens delta a client then asks for, in two rhythms:
// - typing: each edit as soon as the previous delta is answered;
// - after a pause: each edit once the previous edit's diagnostics are published (a long
//   document's publication waits for a pause in typing, features/diagnosticsPublisher.ts), so
//   processes that went idle wake up for it and the publication's garbage is still around.
import type { LspTestClient } from '../test/helpers/lspClient';
import { semanticTokensDelta } from '../test/helpers/entityRequests';
import { bytes, fmt, median } from './benchUtil';

const TYPED_EDITS = 25;
const PAUSED_EDITS = 12;

interface Timings {
  editMs: number[];
  sidecarMs: number[];
  deltaBytes: number[];
  diagnosticBytes: number[];
}

export async function editBench(client: LspTestClient, uri: string, text: string, firstResultId: string): Promise<string[]> {
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && /^ {3}\w.{40,}/.test(l));
  let version = 1;
  let resultId = firstResultId;
  const edit = async (timings: Timings, waitForPublication: boolean): Promise<void> => {
    version += 1;
    const published = waitForPublication ? client.nextPublication(uri, (p) => p.version === version) : undefined;
    const { analyzeMs } = await client.stats();
    const start = performance.now();
    await client.change(uri, version, [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: `Rome${version} ` }]);
    const delta = await semanticTokensDelta(client, uri, resultId);
    timings.editMs.push(performance.now() - start);
    resultId = delta.resultId ?? '';
    timings.deltaBytes.push(bytes(delta));
    timings.sidecarMs.push((await client.stats()).analyzeMs - analyzeMs);
    if (published) timings.diagnosticBytes.push(bytes((await published).params));
  };
  const typed: Timings = { editMs: [], sidecarMs: [], deltaBytes: [], diagnosticBytes: [] };
  for (let i = 0; i < TYPED_EDITS; i++) await edit(typed, false);
  await client.nextPublication(uri, (p) => p.version === version);
  const paused: Timings = { editMs: [], sidecarMs: [], deltaBytes: [], diagnosticBytes: [] };
  for (let i = 0; i < PAUSED_EDITS; i++) await edit(paused, true);
  const figures = (t: Timings): string =>
    `median ${fmt(median(t.editMs))} ms, min ${fmt(Math.min(...t.editMs))} ms, max ${fmt(Math.max(...t.editMs))} ms; the sidecar on the edited window ${fmt(median(t.sidecarMs))} ms of it (the rest: extraction, model, tokens, JSON, stdio)`;
  return [
    `   typing (${TYPED_EDITS} edits, each once the previous delta is answered): ${figures(typed)}  (target: median <= 15 ms)`,
    `   after a pause (${PAUSED_EDITS} edits, each once the previous one's diagnostics are published): ${figures(paused)}`,
    `   bytes per edit: delta ${fmt(median(typed.deltaBytes), 0)} B; diagnostics publication (sent once typing pauses) ${fmt(median(paused.diagnosticBytes) / 1024, 0)} KB (capped at 1,000)`,
  ];
}
