// The Outline, breadcrumbs and sticky scroll ask for a document's symbols again on an edit, or when
// the symbol providers change, never because the server's answer changed. When a document's
// entities change without an edit (an entity rules file saved, "Not an entity", a setting, a new
// model), an empty provider registered and disposed at once is such a change: they ask again and
// stop naming an entity that is gone. Pure apart from `nudge`, so unit tests read it.
import type * as vscode from 'vscode';

/** The nudge itself: an empty symbol provider for every document, registered and disposed at once. */
export function symbolProvidersChanged(languages: Pick<typeof vscode.languages, 'registerDocumentSymbolProvider'>): void {
  languages.registerDocumentSymbolProvider({ pattern: '**' }, { provideDocumentSymbols: () => [] }).dispose();
}

export class SymbolsRefresh implements vscode.Disposable {
  /** The version of each document whose entities were last announced. */
  private readonly announced = new Map<string, number>();
  private queued: NodeJS.Timeout | undefined;

  constructor(private readonly nudge: () => void) {}

  /** samsara/entitiesChanged: the entities of `uri` at `version` were published (again). */
  changed(uri: string, version: number): void {
    const again = this.announced.get(uri) === version;
    this.announced.set(uri, version);
    // A new version came from an edit, after which the editor asks for symbols on its own.
    if (!again || this.queued) return;
    // One nudge for every document a rules change re-published, not one each.
    this.queued = setTimeout(() => {
      this.queued = undefined;
      this.nudge();
    }, 0);
  }

  /** The document closed: its next open starts over. */
  forget(uri: string): void {
    this.announced.delete(uri);
  }

  dispose(): void {
    if (this.queued) clearTimeout(this.queued);
    this.announced.clear();
  }
}
