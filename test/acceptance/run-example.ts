/**
 * Runs the `ecs-placement` command in-process against a snapshot, for the acceptance tests
 * (a helper, not a test file). Instances are named by the last six characters of their ARN.
 */
import { fileURLToPath } from 'node:url';
import { type CliRun, runCli } from '../cli/run-cli.js';

export const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLE = 'examples/cluster.json';
export const HYBRID = 'test/acceptance/fixtures/hybrid-cluster.json';

export function command(argv: string[]): Promise<CliRun> {
  return runCli(argv, { cwd: REPOSITORY });
}

export function shortId(arn: string): string {
  return arn.slice(-6);
}

/** `list-container-instances --filter EXPR` over the bundled example: the short ids listed. */
export async function filtered(expression: string, extra: string[] = []): Promise<string[]> {
  const run = await command([
    'list-container-instances',
    '--cluster-state',
    EXAMPLE,
    '--filter',
    expression,
    ...extra,
  ]);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  const body = JSON.parse(run.stdout) as { containerInstanceArns: string[] };
  return body.containerInstanceArns.map(shortId);
}

export interface PlacedTask {
  taskArn: string;
  containerInstanceArn?: string;
  capacityProviderName?: string;
  launchType?: string;
  availabilityZone?: string;
  group?: string;
}

export interface RunTaskBody {
  tasks: PlacedTask[];
  failures: { arn?: string; reason?: string }[];
}

export async function runTask(argv: string[], state = EXAMPLE): Promise<RunTaskBody> {
  const run = await command(['run-task', '--cluster-state', state, ...argv]);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as RunTaskBody;
}
