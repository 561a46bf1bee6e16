// Where the entity rules of a folder come from: its `.samsara/entities.yaml` (known names, ignored
// texts and labels). The loader of that file is not part of this room; until it is, no folder
// has rules, and `samsara entities` and the workspace store run without (their results say so:
// the store's identity carries the rules' hash, null today).
import type { EntityRules } from '../protocol/sidecar';

/** The rules of `folder`, or undefined when it has none. */
export async function entityRulesFor(folder: string): Promise<EntityRules | undefined> {
  void folder;
  return undefined;
}
