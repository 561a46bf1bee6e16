// Custom LSP messages of the entity rules (.samsara/entities.yaml: its edits, quick fixes and
// stats) and of the names given to spell checkers. Part of the contract in lsp.ts, which
// re-exports them: client and server import them from there.
import { RequestType } from 'vscode-jsonrpc';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { z } from 'zod';

// ---- Entity rules (.samsara/entities.yaml) -------------------------------------------------

/** What a code action says about a text: never an entity, or always an entity of a label. */
export const EntityRuleActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ignore'), text: z.string().regex(/\S/, 'must hold a non-space character').max(500) }),
  z.object({
    kind: z.literal('label'),
    text: z.string().regex(/\S/, 'must hold a non-space character').max(500),
    label: z.string().regex(/\S/, 'must hold a non-space character').max(100),
  }),
]);
export type EntityRuleAction = z.infer<typeof EntityRuleActionSchema>;

/** `uri`: the document the action was asked in (its workspace folder's rules file is edited). */
export const EntityRuleEditParamsSchema = z.object({ uri: z.string().min(1), action: EntityRuleActionSchema });
export type EntityRuleEditParams = z.infer<typeof EntityRuleEditParamsSchema>;

export interface EntityRuleEditResult {
  /** The edit of the rules file (created if needed), for the client to apply. */
  edit: WorkspaceEdit;
  /** file: URI of the rules file. */
  rulesFile: string;
}

/**
 * Client → server, `samsara/entityRuleEdit`: the WorkspaceEdit that makes the rules file say what
 * `action` says; null when it already does.
 */
export const EntityRuleEditRequest = new RequestType<EntityRuleEditParams, EntityRuleEditResult | null, void>('samsara/entityRuleEdit');

export const LabelChoiceSchema = z.object({ label: z.string(), explanation: z.string() });

/** Arguments of the client command `samsara.labelEntityAs` ("Label "X" as…", "Mark "X" as…"). */
export const LabelEntityArgsSchema = z.object({
  uri: z.string().min(1),
  text: z.string().min(1),
  /** The label the entity has now (absent for a selection that is not an entity). */
  currentLabel: z.string().optional(),
  /** Labels to offer, most useful first. */
  labels: z.array(LabelChoiceSchema),
});
export type LabelEntityArgs = z.infer<typeof LabelEntityArgsSchema>;

/** Arguments of `samsara.entityRulesEdited`: the rules file a code action's edit changed. */
export const EntityRulesEditedArgsSchema = z.object({
  rulesFile: z.string().min(1),
  /** A name whose entry the editor then shows (after "Add "X" to the story bible"). */
  reveal: z.string().min(1).max(500).optional(),
});

/**
 * Commands the VS Code client registers itself (code actions name them). Other clients send them
 * to the server, which does what it can without an editor: re-reads the rules files.
 */
export const ClientCommands = {
  labelEntityAs: 'samsara.labelEntityAs',
  entityRulesEdited: 'samsara.entityRulesEdited',
  addNamesToDictionaries: 'samsara.addNamesToDictionaries',
} as const;

/** Server command: read the entity rules files again (e.g. after editing them outside a watched folder). */
export const ReloadEntityRulesCommand = 'samsara.reloadEntityRules';

/** `initializationOptions.entityLabelPicker`: the client shows a label picker for samsara.labelEntityAs. */
export const InitializationOptionsSchema = z.object({ entityLabelPicker: z.boolean().optional() }).passthrough();

export interface EntityRulesStats {
  /** Hash of the rules in effect (null: none), the files they come from, known entries sent and applied. */
  hash: string | null;
  files: string[];
  known: number;
  applied: number;
  /** Problems shown in the rules files. */
  problems: number;
  reloads: number;
  lastApplyMs: number;
}

// ---- Names for spelling dictionaries ---------------------------------------------------------

/** Where names come from: the open documents, or the whole workspace (falls back to open ones). */
export const NameScopeSchema = z.enum(['open', 'workspace']);

export const SpellingNamesParamsSchema = z.object({
  scope: NameScopeSchema.optional(),
  /** Labels whose entities count as names (default: NAME_LABELS, and the labels of known entries). */
  labels: z.array(z.string()).optional(),
});
export type SpellingNamesParams = z.infer<typeof SpellingNamesParamsSchema>;

export const SpellingNameSchema = z.object({
  text: z.string(),
  label: z.string(),
  /** `known`: in the entity rules; `found`: found by the model. */
  source: z.enum(['known', 'found']),
  /** Mentions in the documents read (0 for a known name not mentioned). */
  mentions: z.number().int().nonnegative(),
});
export type SpellingName = z.infer<typeof SpellingNameSchema>;

export const SpellingNamesResultSchema = z.object({
  /** The scope actually read (a server without a workspace index answers from open documents). */
  scope: NameScopeSchema,
  documents: z.number().int().nonnegative(),
  names: z.array(SpellingNameSchema),
});
export type SpellingNamesResult = z.infer<typeof SpellingNamesResultSchema>;

/** Client → server, `samsara/spellingNames`: the names spell checkers should accept. */
export const SpellingNamesRequest = new RequestType<SpellingNamesParams, SpellingNamesResult, void>('samsara/spellingNames');
