// references (Shift+F12): the mentions of the entity under the cursor (same key: label and
// normalised name; a story bible entry's aliases and a person's short forms count with it) in this
// document, then, with the workspace index, in every other file. The first mention in this
// document counts as the declaration, so a request that excludes declarations leaves it out.
import type { Location } from 'vscode-languageserver';
import type { EntityModel } from '../entities/entityModel';

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
  return elsewhere ? [...here, ...elsewhere(model.keyOf(entity), model.uri)] : here;
}
