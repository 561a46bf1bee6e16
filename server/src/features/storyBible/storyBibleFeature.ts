// The story bible in the editor: Go to Definition (F12) on a mention opens the entity's entry in
// the rules file; Rename (F2) renames the entity across the workspace (renameEdit.ts); "Add "X" to
// the story bible" creates the entry of an entity that has none, with the short forms the
// document uses as its aliases, and opens it.
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Location,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientCommands } from '../../../../shared/lsp';
import type { DocumentAnalyzer } from '../../analysis/documentAnalyzer';
import type { EntityModel, ModelEntity } from '../../entities/entityModel';
import { normaliseEntityText } from '../../entities/normalise';
import { namePart } from '../../entities/renaming';
import type { BibleEntry, StoryBible } from '../../entities/storyBible';
import { entryNames } from '../../entityRules/entryNames';
import { RulesEditError } from '../../entityRules/rulesEdit';
import { rulesWorkspaceEdit, type EditSupport, type RulesEditTarget } from '../../entityRules/rulesWorkspaceEdit';
import type { Logger } from '../../logger';
import type { CodeActionSources } from '../codeActions';
import { readUriText } from '../../workspace/boundedRead';
import { renameEdit, type RenameFile } from './renameEdit';

export interface StoryBibleDeps {
  analyzer: Pick<DocumentAnalyzer, 'modelFor'>;
  documents: Pick<TextDocuments<TextDocument>, 'get' | 'all'>;
  bible(): StoryBible;
  /** Mentions of an entity key in every indexed file (the workspace index). */
  mentions(key: string): ReadonlyMap<string, readonly ModelEntity[]>;
  /** The rules file a document's code actions edit. */
  target(documentUri: string): Promise<RulesEditTarget | undefined>;
  client(): { annotations: boolean; edits: EditSupport };
  log: Logger;
}

/** Largest file a rename reads from disk (the scan's own cap is smaller). */
const MAX_RENAME_FILE_BYTES = 8_000_000;
const MAX_NAME_CHARS = 200;

export const NO_NAME_HERE = 'Samsara renames the names it highlights, and there is none here.';

export function registerStoryBible(connection: Connection, deps: StoryBibleDeps, codeActions: CodeActionSources): void {
  const at = async (uri: string, line: number, character: number, token?: CancellationToken) => {
    const model = await deps.analyzer.modelFor(uri, token);
    const document = deps.documents.get(uri);
    if (!model || !document || document.version !== model.version) return undefined;
    const offset = document.offsetAt({ line, character });
    const entity = model.at(offset);
    return entity ? { model, document, entity } : undefined;
  };

  connection.onDefinition(async (params, token): Promise<Location | null> => {
    const found = await at(params.textDocument.uri, params.position.line, params.position.character, token);
    const entry = found && current(deps, found.model.entryOf(found.entity));
    return entry ? { uri: entry.source.uri, range: entry.source.range } : null;
  });

  connection.onPrepareRename(async (params, token) => {
    const found = await at(params.textDocument.uri, params.position.line, params.position.character, token);
    if (!found) throw new ResponseError(ErrorCodes.InvalidRequest, NO_NAME_HERE);
    const part = namePart(found.entity.text);
    const start = found.entity.start + part.start;
    const end = found.entity.start + part.end;
    return {
      range: { start: found.document.positionAt(start), end: found.document.positionAt(end) },
      placeholder: found.entity.text.slice(part.start, part.end),
    };
  });

  connection.onRenameRequest(async (params, token): Promise<WorkspaceEdit> => {
    const found = await at(params.textDocument.uri, params.position.line, params.position.character, token);
    if (!found) throw new ResponseError(ErrorCodes.InvalidRequest, NO_NAME_HERE);
    const newName = params.newName.replace(/\s+/g, ' ').trim();
    if (newName === '' || newName.length > MAX_NAME_CHARS || !/[\p{L}\p{N}]/u.test(newName))
      throw new ResponseError(ErrorCodes.InvalidParams, `A new name needs a letter or digit and at most ${MAX_NAME_CHARS} characters.`);
    const part = namePart(found.entity.text);
    const oldName = found.entity.text.slice(part.start, part.end);
    const key = found.model.keyOf(found.entity);
    const files = await renameFiles(deps, key, token);
    const entry = current(deps, found.model.entryOf(found.entity));
    const entryFile = entry ? await entryFileOf(deps, entry) : undefined;
    const result = renameEdit({ oldName, newName, files, entry: entryFile, annotations: deps.client().annotations });
    const { mentions, otherNames, files: touched, stale } = result.counts;
    deps.log.info(
      `Rename "${oldName}" → "${newName}": ${mentions} mention(s) and ${otherNames} other name(s) in ${touched} file(s)` +
        (stale > 0 ? `; ${stale} mention(s) on disk no longer match the file and are left` : ''),
    );
    return result.edit;
  });

  codeActions.add(async (params, token) => {
    if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    const found = await at(params.textDocument.uri, params.range.start.line, params.range.start.character, token);
    if (!found || found.model.entryOf(found.entity)) return [];
    return addToBible(deps, found.model, found.entity, params.textDocument.uri);
  });
}

/** The entry as the rules files say now (a model may have been built before the notes changed). */
function current(deps: StoryBibleDeps, entry: BibleEntry | undefined): BibleEntry | undefined {
  return entry && (deps.bible().byId(entry.id) ?? entry);
}

/** Every file with a mention of `key`: open documents from their current models, the others from disk. */
async function renameFiles(deps: StoryBibleDeps, key: string, token: CancellationToken): Promise<RenameFile[]> {
  const files: RenameFile[] = [];
  const open = new Set<string>();
  for (const document of deps.documents.all()) {
    open.add(document.uri);
    const model: EntityModel | undefined = await deps.analyzer.modelFor(document.uri, token);
    if (!model || model.version !== document.version) continue;
    const mentions = model.mentionsOfKey(key);
    if (mentions.length > 0) files.push({ uri: document.uri, text: document.getText(), version: document.version, mentions });
  }
  for (const [uri, mentions] of deps.mentions(key)) {
    if (open.has(uri) || mentions.length === 0) continue;
    const text = await readUriText(uri, MAX_RENAME_FILE_BYTES);
    if (text !== undefined) files.push({ uri, text, version: null, mentions });
  }
  return files;
}

async function entryFileOf(deps: StoryBibleDeps, entry: BibleEntry) {
  const uri = entry.source.uri;
  const document = deps.documents.get(uri);
  const text = document?.getText() ?? (await readUriText(uri, MAX_RENAME_FILE_BYTES));
  if (text === undefined) return undefined;
  return {
    uri,
    text,
    version: document?.version ?? null,
    names: entryNames(text, entry.source.index),
    json: uri.toLowerCase().endsWith('.json'),
  };
}

/** "Add "X" to the story bible": the entry, with the document's other names for it as aliases. */
async function addToBible(deps: StoryBibleDeps, model: EntityModel, entity: ModelEntity, uri: string): Promise<CodeAction[]> {
  const target = await deps.target(uri);
  if (!target) return [];
  const name = model.fullNameOf(entity) ?? entity.text;
  const text = name.replace(/\s+/g, ' ').trim();
  const own = normaliseEntityText(text);
  const aliases = [...new Set(model.mentionsOf(entity).map((m) => m.text.replace(/\s+/g, ' ').trim()))].filter(
    (alias) => normaliseEntityText(alias) !== own,
  );
  try {
    const edit = rulesWorkspaceEdit(target, { kind: 'bible', text, label: entity.label, aliases }, deps.client().edits);
    if (!edit) return [];
    const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
    return [
      {
        title: `Add "${shown}" to the story bible`,
        kind: CodeActionKind.QuickFix,
        edit,
        command: {
          title: 'Open the entry',
          command: ClientCommands.entityRulesEdited,
          arguments: [{ rulesFile: target.uri, reveal: text }],
        },
      },
    ];
  } catch (error) {
    if (!(error instanceof RulesEditError)) throw error;
    deps.log.warn(`No story bible action on "${text}": ${target.path}: ${error.message}`);
    return [];
  }
}
