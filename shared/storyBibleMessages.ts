// Custom LSP messages of the story bible's "where it appears" view: per file of the workspace, in
// reading order, which entities appear and how often; and for one entity, the files it appears in
// and the entities it shares paragraphs with. Part of the contract in lsp.ts, which re-exports
// them: client and server import them from there, and both check results with these schemas.
import { RequestType } from 'vscode-jsonrpc';
import { z } from 'zod';

const positionSchema = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
const rangeSchema = z.object({ start: positionSchema, end: positionSchema });

export const AppearanceEntitySchema = z.object({
  key: z.string(),
  name: z.string(),
  label: z.string(),
  count: z.number().int().min(0),
  /** Its first mention in the file. */
  first: rangeSchema,
});

export const AppearanceFileSchema = z.object({
  uri: z.string(),
  /** Relative to its workspace folder. */
  name: z.string(),
  /** Most mentioned first. */
  entities: z.array(AppearanceEntitySchema),
});

export type AppearanceFile = z.infer<typeof AppearanceFileSchema>;

export const AppearancesSchema = z.object({
  /** In reading order (`.samsara/manuscript.yaml`, then by path). */
  files: z.array(AppearanceFileSchema),
  /** The manuscript file could not be used: why (its order is not applied). */
  orderProblem: z.string().optional(),
});
export type Appearances = z.infer<typeof AppearancesSchema>;

export const AppearancesParamsSchema = z.object({ labels: z.array(z.string().max(100)).max(100).optional() });
export type AppearancesParams = z.infer<typeof AppearancesParamsSchema>;

/** Client → server, `samsara/appearances`: every file's entities, in reading order. */
export const AppearancesRequest = new RequestType<AppearancesParams, Appearances, void>('samsara/appearances');

export const EntityPresenceSchema = z.object({
  key: z.string(),
  name: z.string(),
  label: z.string(),
  /** Files that mention it, in reading order, with its count and first mention there. */
  files: z.array(z.object({ uri: z.string(), name: z.string(), count: z.number().int().min(0), first: rangeSchema })),
  /** Entities mentioned in the same paragraphs, most shared paragraphs first. */
  together: z.array(z.object({ key: z.string(), name: z.string(), label: z.string(), paragraphs: z.number().int().min(1) })),
});
export type EntityPresence = z.infer<typeof EntityPresenceSchema>;

export const EntityPresenceParamsSchema = z.object({ key: z.string().min(1).max(1000) });

/** Client → server, `samsara/entityPresence`: where one entity appears, and with whom. */
export const EntityPresenceRequest = new RequestType<{ key: string }, EntityPresence | null, void>('samsara/entityPresence');
