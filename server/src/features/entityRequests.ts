// The LSP requests that read a document's entity model, wired to their features: hover, document
// symbols, document highlights, references and samsara/documentEntities. Each waits for the model
// of the document's current version (analysing it now if an edit's debounce has not yet run) and
// answers nothing for a document that is not analysed.
import {
  ErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type MarkupKind,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { z } from 'zod';
import { DocumentEntitiesRequest } from '../../../shared/lsp';
import type { EntityModel, ModelEntity } from '../entities/entityModel';
import { bibleHover } from './storyBible/bibleHover';
import type { Appearance } from '../workspace/appearances';
import type { CodeActionSources } from './codeActions';
import type { DocumentAnalyzer } from '../analysis/documentAnalyzer';
import { documentEntities } from './documentEntities';
import { documentHighlights } from './documentHighlights';
import { documentSymbols, flatSymbols } from './documentSymbols';
import { entityCodeActions, withProbeEntityLink } from '../probes/probeEntityAction';
import { hoverFor } from './hover';
import type { LabelExplainer } from '../entities/labels';
import { references, type MentionsElsewhere } from './references';

export interface EntityRequestDeps {
  analyzer: Pick<DocumentAnalyzer, 'modelFor' | 'latestModel'>;
  documents: Pick<TextDocuments<TextDocument>, 'get'>;
  labels: LabelExplainer;
  /** Where "Probe this entity" joins the other code actions. */
  codeActions: CodeActionSources;
  /** Client capabilities read at initialize. */
  client(): { hoverFormat: MarkupKind; hierarchicalSymbols: boolean };
  /** Mentions in the other files of the workspace (the workspace index), for references. */
  elsewhere?: MentionsElsewhere;
  /** How often a story bible entity appears in the workspace and where first (its hover). */
  appearance?(model: EntityModel, entity: ModelEntity): Promise<Appearance>;
}

const documentEntitiesParams = z.object({ uri: z.string().min(1) });

export function registerEntityRequests(connection: Connection, deps: EntityRequestDeps): void {
  /** The model and document of the same (current) version, or undefined. */
  const modelOf = async (uri: string, token: CancellationToken): Promise<{ model: EntityModel; document: TextDocument } | undefined> => {
    const model = await deps.analyzer.modelFor(uri, token);
    const document = deps.documents.get(uri);
    return model && document && document.version === model.version ? { model, document } : undefined;
  };

  connection.onHover(async (params, token) => {
    const found = await modelOf(params.textDocument.uri, token);
    if (!found) return null;
    const offset = found.document.offsetAt(params.position);
    const entity = found.model.at(offset);
    const entry = entity && found.model.entryOf(entity);
    const hover =
      entity && entry && deps.appearance
        ? bibleHover(found.model, entity, entry, await deps.appearance(found.model, entity), deps.client().hoverFormat)
        : hoverFor(found.model, offset, deps.labels, deps.client().hoverFormat);
    return withProbeEntityLink(hover, found.document, entity);
  });

  // "Probe this entity" on the entities a selection or the cursor touches.
  deps.codeActions.add(async (params, token) => {
    const found = await modelOf(params.textDocument.uri, token);
    if (!found) return [];
    const { document, model } = found;
    const from = document.offsetAt(params.range.start);
    const to = document.offsetAt(params.range.end);
    // A cursor (empty range) just after or before an entity still touches it.
    return entityCodeActions(document, model.overlapping(Math.max(0, from - 1), to + 1), params.range);
  });

  connection.onDocumentSymbol(async (params, token) => {
    const found = await modelOf(params.textDocument.uri, token);
    if (!found) return null;
    return deps.client().hierarchicalSymbols ? documentSymbols(found.model, deps.labels) : flatSymbols(found.model, found.document.uri);
  });

  connection.onDocumentHighlight(async (params, token) => {
    const found = await modelOf(params.textDocument.uri, token);
    return found ? documentHighlights(found.model, found.document.offsetAt(params.position)) : null;
  });

  connection.onReferences(async (params, token) => {
    const found = await modelOf(params.textDocument.uri, token);
    if (!found) return null;
    return references(found.model, found.document.offsetAt(params.position), params.context.includeDeclaration, deps.elsewhere);
  });

  // The Entities view shows the latest model at once, even while a newer version is analysed: it
  // carries its version, and samsara/entitiesChanged says when to ask again.
  connection.onRequest(DocumentEntitiesRequest, (raw: unknown) => {
    const params = documentEntitiesParams.safeParse(raw);
    if (!params.success) {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `samsara/documentEntities: invalid params (${params.error.issues[0]?.message ?? 'bad shape'})`,
      );
    }
    const model = deps.analyzer.latestModel(params.data.uri);
    return model ? documentEntities(model, deps.labels) : null;
  });
}
