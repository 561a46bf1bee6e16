// Finds the language server bundle the extension ships (dist/server.js). A missing bundle means a
// broken install or an unbuilt checkout; the error says which command fixes it.
import * as fs from 'node:fs';
import type * as vscode from 'vscode';
import { SamsaraError } from '../../shared/errors';

export class ServerNotFoundError extends SamsaraError {
  constructor(readonly serverPath: string) {
    super(
      'SERVER_NOT_FOUND',
      `Samsara's language server is missing at ${serverPath}. Reinstall the extension; in a development checkout run \`npm run build\`.`,
    );
  }
}

export function serverPath(context: vscode.ExtensionContext): string {
  const candidate = context.asAbsolutePath('dist/server.js');
  if (!fs.existsSync(candidate)) throw new ServerNotFoundError(candidate);
  return candidate;
}
