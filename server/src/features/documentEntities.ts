// samsara/documentEntities: the Entities view's data, straight from the model's grouping (labels
// in a stable order, entities most mentioned first, mentions in document order).
import type { DocumentEntities } from '../../../shared/lsp';
import type { EntityModel } from '../entities/entityModel';
import type { LabelExplainer } from '../entities/labels';

export function documentEntities(model: EntityModel, labels: LabelExplainer): DocumentEntities {
  return {
    uri: model.uri,
    version: model.version,
    labels: model.groups.map((group) => ({
      label: group.label,
      explanation: labels.explain(group.label),
      entities: group.entities.map((entity) => ({
        key: entity.key,
        text: entity.text,
        label: entity.label,
        mentions: entity.mentions.map((mention) => mention.range),
      })),
    })),
  };
}
