// references (Shift+F12): the mentions of the entity under the cursor (same label and normalised
// text) in this document, then, with the workspace index, in every other file. The first mention
// in this document counts as the declaration, so a request that excludes declarations leaves it out.
import type { Location } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';
import { entityKey } from '../entities/normalise';

/** Mentions of an entity (by key) in files other than `uri`. */
export type MentionsElsewhere = (key: string, uri: string) => Location[];

export function references(
  model: EntityModel,
  offset: number,
  includeDeclaration: boolean,
  elsewhere?: MentionsElsewhere,
): Location[] | null {
  const entity = model.at(offset);
  if (!entity) return null;
  const mentions = model.mentionsOf(entity);
  const here = (includeDeclaration ? mentions : mentions.slice(1)).map((mention) => ({ uri: model.uri, range: mention.range }));
  return elsewhere ? [...here, ...elsewhere(entityKey(entity.label, entity.text), model.uri)] : here;
}
