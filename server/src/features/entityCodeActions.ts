// Code actions that correct the model, read from the entity model of the document: on an entity,
// "Not an entity: ignore "X" in this workspace", "Label "X" as…" and "Always treat "X" as LABEL";
// on a selection that is not an entity, "Mark "X" as…". Each edits the workspace's rules file
// (`.samsara/entities.yaml`) through a WorkspaceEdit, followed by the command that makes the
// server apply the saved file at once. "…as…" opens the client's label picker (a VS Code client
// says it has one at initialize); other clients get one action per name label instead.
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { NAME_LABELS, ONTONOTES_LABELS } from '../../../shared/entityLabels';
import {
  ClientCommands,
  EntityRuleEditParamsSchema,
  EntityRuleEditRequest,
  type EntityRuleAction,
  type EntityRuleEditResult,
  type LabelEntityArgs,
} from '../../../shared/lsp';
import type { EntityModel } from '../entities/entityModel';
import { RulesEditError } from '../entityRules/rulesEdit';
import { normaliseRuleText } from '../entityRules/protocolRules';
import { rulesWorkspaceEdit, type EditSupport, type RulesEditTarget } from '../entityRules/rulesWorkspaceEdit';
import type { Logger } from '../logger';
import type { CodeActionSources } from './codeActions';
import type { DocumentAnalyzer } from '../analysis/documentAnalyzer';
import type { LabelExplainer } from '../entities/labels';

export interface EntityCodeActionDeps {
  analyzer: Pick<DocumentAnalyzer, 'modelFor'>;
  documents: Pick<TextDocuments<TextDocument>, 'get'>;
  labels: LabelExplainer;
  /** Labels the entity rules give (custom ones included). */
  ruleLabels(): string[];
  /** The rules file a document's actions edit (undefined: none, e.g. no folder and no user file). */
  target(documentUri: string): Promise<RulesEditTarget | undefined>;
  client(): { labelPicker: boolean; edits: EditSupport };
  log: Logger;
}

/** Longest selection offered as a name to mark. */
const MAX_MARK_CHARS = 200;

export async function entityCodeActions(
  params: CodeActionParams,
  deps: EntityCodeActionDeps,
  token?: CancellationToken,
): Promise<CodeAction[]> {
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const uri = params.textDocument.uri;
  const model = await deps.analyzer.modelFor(uri, token);
  const document = deps.documents.get(uri);
  if (!model || !document || document.version !== model.version) return [];
  const start = document.offsetAt(params.range.start);
  const end = document.offsetAt(params.range.end);
  const found = subject(model, document, start, end);
  if (!found) return [];
  const target = await deps.target(uri);
  if (!target) return [];
  const text = found.text;
  const shown = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  const actions: CodeAction[] = [];
  const edit = (title: string, action: EntityRuleAction, diagnostics: Diagnostic[] = []): void => {
    try {
      const workspaceEdit = rulesWorkspaceEdit(target, action, deps.client().edits);
      if (!workspaceEdit) return;
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        edit: workspaceEdit,
        command: { title: 'Apply the entity rules', command: ClientCommands.entityRulesEdited, arguments: [{ rulesFile: target.uri }] },
      });
    } catch (error) {
      if (!(error instanceof RulesEditError)) throw error;
      deps.log.warn(`No code action on "${text}": ${target.path}: ${error.message}`);
    }
  };
  const related = params.context.diagnostics.filter((d) => d.source === 'samsara' && found.label !== undefined);
  if (found.label !== undefined) edit(`Not an entity: ignore "${shown}" in this workspace`, { kind: 'ignore', text }, related);
  const choices = labelChoices(deps, found.label);
  const verb = found.label === undefined ? 'Mark' : 'Label';
  if (deps.client().labelPicker) {
    const args: LabelEntityArgs = { uri, text, labels: choices, ...(found.label ? { currentLabel: found.label } : {}) };
    actions.push({
      title: `${verb} "${shown}" as…`,
      kind: CodeActionKind.QuickFix,
      command: { title: `${verb} "${shown}" as…`, command: ClientCommands.labelEntityAs, arguments: [args] },
    });
  } else {
    for (const label of NAME_LABELS) if (label !== found.label) edit(`${verb} "${shown}" as ${label}`, { kind: 'label', text, label });
  }
  if (found.label !== undefined) edit(`Always treat "${shown}" as ${found.label}`, { kind: 'label', text, label: found.label }, related);
  return actions;
}

/** The entity under the cursor or selection, or the selected text when it is not an entity. */
function subject(model: EntityModel, document: TextDocument, start: number, end: number): { text: string; label?: string } | undefined {
  if (start === end) {
    const entity = model.at(start);
    return entity ? { text: normaliseRuleText(entity.text), label: entity.label } : undefined;
  }
  const overlapping = model.overlapping(start, end);
  const selected = normaliseRuleText(document.getText().slice(start, end));
  const only = overlapping.length === 1 ? overlapping[0] : undefined;
  // A selection inside one entity (or exactly around it) is that entity.
  if (only && ((only.start <= start && end <= only.end) || normaliseRuleText(only.text) === selected)) {
    return { text: normaliseRuleText(only.text), label: only.label };
  }
  if (selected === '' || selected.length > MAX_MARK_CHARS || !/[\p{L}\p{N}]/u.test(selected)) return undefined;
  return { text: selected };
}

/** Labels to offer: names first, then the model's other labels and the rules' own, the current one last. */
export function labelChoices(deps: Pick<EntityCodeActionDeps, 'labels' | 'ruleLabels'>, current?: string): LabelEntityArgs['labels'] {
  const order = [...NAME_LABELS, ...deps.ruleLabels(), ...deps.labels.sidecarLabels, ...ONTONOTES_LABELS];
  const unique = [...new Set(order)].filter((label) => label !== current);
  if (current !== undefined) unique.push(current);
  return unique.map((label) => ({ label, explanation: deps.labels.explain(label) }));
}

export function registerEntityCodeActions(connection: Connection, deps: EntityCodeActionDeps, codeActions: CodeActionSources): void {
  codeActions.add((params, token) => entityCodeActions(params, deps, token));
  connection.onRequest(EntityRuleEditRequest, async (raw: unknown): Promise<EntityRuleEditResult | null> => {
    const params = EntityRuleEditParamsSchema.safeParse(raw);
    if (!params.success) {
      const issue = params.error.issues[0];
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        `samsara/entityRuleEdit: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'bad shape'}`,
      );
    }
    const target = await deps.target(params.data.uri);
    if (!target)
      throw new ResponseError(ErrorCodes.InvalidRequest, 'No rules file to edit: open a folder (or set samsara.entities.userFile)');
    try {
      const edit = rulesWorkspaceEdit(target, params.data.action, deps.client().edits);
      return edit ? { edit, rulesFile: target.uri } : null;
    } catch (error) {
      if (error instanceof RulesEditError) throw new ResponseError(ErrorCodes.InvalidRequest, `${target.path}: ${error.message}`);
      throw error;
    }
  });
}
