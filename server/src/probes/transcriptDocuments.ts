// Transcripts are records of a probe, not prose a writer works on: their Markdown (opened as a
// preview, or as text) gets no entity highlighting, diagnostics or hovers. The folder is resolved
// from samsara.probes.transcriptFolder as the probe engine saves to it, once, and again after a
// configuration change.
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How long a document's analysis waits for the folder: a client that never answers the settings or workspace folders requests must not stall it. */
const RESOLVE_WAIT_MS = 2000;

export class TranscriptDocuments {
  private folder: Promise<string | undefined> | undefined;

  /** `resolveFolder`: where transcripts are saved now (it may throw: then nothing is excluded). */
  constructor(
    private readonly resolveFolder: () => Promise<string>,
    private readonly waitMs = RESOLVE_WAIT_MS,
  ) {}

  /** The setting or the workspace changed: resolve the folder again when next asked. */
  changed(): void {
    this.folder = undefined;
  }

  /** Whether the document is a file inside the transcript folder. */
  async contains(uri: string): Promise<boolean> {
    if (!uri.startsWith('file:')) return false;
    this.folder ??= this.resolveFolder().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, this.waitMs, undefined)));
    const folder = await Promise.race([this.folder, late]).finally(() => clearTimeout(timer));
    if (folder === undefined) return false;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return false;
    }
    const rel = relative(folder, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  }
}
