// Entry point @vscode/test-electron loads in the extension host (`run`). Runs the scenarios in
// order and fails with every failure listed. The mode comes from runDesktop.ts's environment.
import { restrictedScenarios, trustedScenarios, type Scenario } from './scenarios';

export async function run(): Promise<void> {
  const marker = process.env.SAMSARA_DESKTOP_MARKER;
  const scenarios: Scenario[] =
    process.env.SAMSARA_DESKTOP_MODE === 'restricted' && marker ? restrictedScenarios(marker) : trustedScenarios();
  const failures: string[] = [];
  for (const [name, body] of scenarios) {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`not ok - ${name}\n${message}`);
      failures.push(name);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${scenarios.length} desktop scenarios failed: ${failures.join('; ')}`);
}
