// A campaign file read into its jobs: the file parsed and checked, its scenarios looked up (the
// built-ins and the folder's .samsara/scenarios.yaml), its passages read inside its folder. The
// folder is the one holding .samsara/ when the file lives in .samsara/campaigns/, else the
// current directory.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Scenario } from '../../../shared/probes/scenario';
import { resolveScenario } from '../probes/scenarioLoader';
import { campaignJobs, campaignPassages, type CampaignJob, type Passage } from './campaignJobs';
import { CampaignFileError, MAX_CAMPAIGN_FILE_BYTES, parseCampaign, type Campaign } from './campaignSchema';

export interface LoadedCampaign {
  campaign: Campaign;
  file: string;
  /** The folder passages are read from (and never outside). */
  root: string;
  passages: Passage[];
  scenarios: Scenario[];
  jobs: CampaignJob[];
}

export function campaignRoot(file: string, cwd: string): string {
  const full = resolve(cwd, file);
  const marker = `${sep}.samsara${sep}campaigns${sep}`;
  const at = full.lastIndexOf(marker);
  return at >= 0 ? full.slice(0, at) : cwd;
}

/** `language`: the front door's setting for passages whose campaign names none (auto or a code). */
export async function loadCampaign(file: string, cwd: string, language = 'auto'): Promise<LoadedCampaign> {
  const full = resolve(cwd, file);
  let text: string;
  try {
    if ((await stat(full)).size > MAX_CAMPAIGN_FILE_BYTES) throw new Error(`larger than ${MAX_CAMPAIGN_FILE_BYTES} bytes`);
    text = await readFile(full, 'utf8');
  } catch (error) {
    throw new CampaignFileError(file, `cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const campaign = parseCampaign(text, file);
  const root = campaignRoot(file, cwd);
  const sources = {
    settings: { scenarios: [], scenarioFile: '.samsara/scenarios.yaml' },
    workspaceFolders: async () => [pathToFileURL(root).toString()],
  };
  const scenarios: Scenario[] = [];
  for (const id of campaign.scenarios) scenarios.push((await resolveScenario(id, sources)).scenario);
  const passages = await campaignPassages(campaign, root, file, language);
  return { campaign, file, root, passages, scenarios, jobs: campaignJobs(campaign, passages, scenarios) };
}

/** Where results go by default: beside the file, in <name>.results/. */
export function defaultResultsFolder(file: string, cwd: string, name: string): string {
  return resolve(dirname(resolve(cwd, file)), `${name || basename(file)}.results`);
}
