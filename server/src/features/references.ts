// references (Shift+F12): the mentions of the entity under the cursor in this document (same label
// and normalised text). The first mention counts as the declaration, so a request that excludes
// declarations leaves it out.
import type { Location } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';

export function references(model: EntityModel, offset: number, includeDeclaration: boolean): Location[] | null {
  const entity = model.at(offset);
  if (!entity) return null;
  const mentions = model.mentionsOf(entity);
  return (includeDeclaration ? mentions : mentions.slice(1)).map((mention) => ({ uri: model.uri, range: mention.range }));
}
