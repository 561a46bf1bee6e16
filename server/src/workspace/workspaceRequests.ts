// The LSP requests that read the workspace index: workspace/symbol (Go to Symbol in Workspace),
// samsara/workspaceEntities (the Entities view's Workspace mode) and
// samsara/exportWorkspaceEntities (CSV or JSON Lines of every mention). Parameters are checked
// with zod: a malformed request gets InvalidParams naming what is wrong, and the server goes on.
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { z } from 'zod';
import { ExportFormatSchema, ExportWorkspaceEntitiesRequest, WorkspaceEntitiesRequest } from '../../../shared/lsp';
import type { LabelExplainer } from '../entities/labels';
import { formatRow, csvHeader } from './entityRows';
import { exportRows, workspaceEntities, workspaceSymbols } from './indexQueries';
import type { WorkspaceFeature } from './workspaceFeature';

const symbolParams = z.object({ query: z.string() });
const exportParams = z.object({ format: ExportFormatSchema });

function invalid(method: string, error: z.ZodError): ResponseError<void> {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: invalid params (${where}${issue?.message ?? 'bad shape'})`);
}

export function registerWorkspaceRequests(connection: Connection, workspace: WorkspaceFeature, labels: LabelExplainer): void {
  connection.onWorkspaceSymbol((raw: unknown) => {
    const params = symbolParams.safeParse(raw);
    if (!params.success) throw invalid('workspace/symbol', params.error);
    return workspaceSymbols(workspace.index, params.data.query, (label) => workspace.visible(label));
  });

  connection.onRequest(WorkspaceEntitiesRequest, () =>
    workspaceEntities(workspace.index, (label) => workspace.visible(label), labels, {
      scanning: workspace.scanning,
      enabled: workspace.isEnabled,
    }),
  );

  connection.onRequest(ExportWorkspaceEntitiesRequest, (raw: unknown) => {
    const params = exportParams.safeParse(raw);
    if (!params.success) throw invalid(ExportWorkspaceEntitiesRequest.method, params.error);
    const format = params.data.format;
    const parts: string[] = format === 'csv' ? [csvHeader()] : [];
    let rows = 0;
    for (const row of exportRows(
      workspace.index,
      (label) => workspace.visible(label),
      (uri) => workspace.fileName(uri),
    )) {
      parts.push(formatRow(row, format));
      rows += 1;
    }
    return { content: parts.join(''), rows };
  });
}
