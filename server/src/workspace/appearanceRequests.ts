// The LSP requests of the "where it appears" view (appearances.ts): samsara/appearances and
// samsara/entityPresence, parameters checked with zod (InvalidParams names what is wrong). The
// reading order comes from `.samsara/manuscript.yaml`, read again only when it changed.
import { ErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AppearancesParamsSchema,
  AppearancesRequest,
  EntityPresenceParamsSchema,
  EntityPresenceRequest,
  type Appearances,
} from '../../../shared/lsp';
import type { EntityModel, ModelEntity } from '../entities/entityModel';
import type { StoryBible } from '../entities/storyBible';
import { canonicalUri } from './workspaceUris';
import { appearancesByFile, entityPresence, type Appearance, type AppearanceSources } from './appearances';
import { readUriText } from './boundedRead';
import { ReadingOrderCache } from './readingOrder';
import type { WorkspaceFeature } from './workspaceFeature';

const MAX_MANUSCRIPT_BYTES = 1_000_000;
const MAX_PARAGRAPH_FILE_BYTES = 8_000_000;
/** Shared by the views and every story bible hover; keyed by the manuscript file, so by workspace. */
const readingOrders = new ReadingOrderCache((uri) => readUriText(uri, MAX_MANUSCRIPT_BYTES));

export function registerAppearanceRequests(
  connection: Connection,
  workspace: WorkspaceFeature,
  documents: Pick<TextDocuments<TextDocument>, 'get'>,
  bible: () => StoryBible,
): void {
  const sources = async (): Promise<{ sources: AppearanceSources; problem?: string }> => {
    const { order, problem } = await readingOrders.load(workspace.folderUris);
    return {
      sources: {
        index: workspace.index,
        order,
        bible: bible(),
        visible: (label) => workspace.visible(label),
        fileName: (uri) => workspace.fileName(uri),
      },
      ...(problem ? { problem } : {}),
    };
  };

  connection.onRequest(AppearancesRequest, async (raw: unknown): Promise<Appearances> => {
    const params = AppearancesParamsSchema.safeParse(raw ?? {});
    if (!params.success)
      throw new ResponseError(ErrorCodes.InvalidParams, `samsara/appearances: ${params.error.issues[0]?.message ?? 'bad shape'}`);
    const { sources: from, problem } = await sources();
    return { files: appearancesByFile(from, params.data.labels), ...(problem ? { orderProblem: problem } : {}) };
  });

  connection.onRequest(EntityPresenceRequest, async (raw: unknown) => {
    const params = EntityPresenceParamsSchema.safeParse(raw);
    if (!params.success)
      throw new ResponseError(ErrorCodes.InvalidParams, `samsara/entityPresence: ${params.error.issues[0]?.message ?? 'bad shape'}`);
    const { sources: from } = await sources();
    return entityPresence(
      from,
      params.data.key,
      async (uri) => documents.get(uri)?.getText() ?? (await readUriText(uri, MAX_PARAGRAPH_FILE_BYTES)),
    );
  });
}

/** A story bible entity's mentions in the workspace (this document's from its live model) and its first appearance. */
export async function appearanceOf(workspace: WorkspaceFeature, model: EntityModel, entity: ModelEntity): Promise<Appearance> {
  const key = model.keyOf(entity);
  const here = canonicalUri(model.uri);
  const perFile = new Map(workspace.index.mentions(key));
  perFile.set(here, model.mentionsOfKey(key));
  let workspaceMentions = 0;
  for (const mentions of perFile.values()) workspaceMentions += mentions.length;
  const { order } = await readingOrders.load(workspace.folderUris);
  const firstUri = order.sort([...perFile].filter(([, m]) => m.length > 0).map(([uri]) => uri))[0];
  const first = firstUri === undefined ? undefined : perFile.get(firstUri)?.[0];
  return {
    workspaceMentions,
    ...(firstUri !== undefined && first
      ? { first: { uri: firstUri, name: workspace.fileName(firstUri), line: first.range.start.line } }
      : {}),
  };
}
