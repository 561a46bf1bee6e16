// documentHighlight: with the cursor on an entity, every mention of it in the document (same label
// and normalised text) is marked.
import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';

export function documentHighlights(model: EntityModel, offset: number): DocumentHighlight[] | null {
  const entity = model.at(offset);
  if (!entity) return null;
  return model.mentionsOf(entity).map((mention) => ({ range: mention.range, kind: DocumentHighlightKind.Text }));
}
