import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const ARN = (id: string) => `arn:aws:ecs:us-east-1:123456789012:container-instance/default/${id}`;
const LIST = ['list-container-instances', '--cluster-state', 'small-cluster.json'];

async function arns(argv: string[]): Promise<string[]> {
  const run = await runCli([...LIST, ...argv]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { containerInstanceArns: string[] }).containerInstanceArns;
}

describe('list-container-instances', () => {
  it('lists every instance but INACTIVE ones by default, as 4-space JSON', async () => {
    const run = await runCli(LIST);
    expect(run.stdout).toBe(
      `{\n    "containerInstanceArns": [\n${['aaaa1111', 'bbbb2222', 'cccc3333', 'dddd4444']
        .map((id) => `        "${ARN(id)}"`)
        .join(',\n')}\n    ]\n}\n`,
    );
  });

  it('filters by status', async () => {
    expect(await arns(['--status', 'DRAINING'])).toEqual([ARN('dddd4444')]);
    expect(await arns(['--status', 'ACTIVE'])).toEqual([
      ARN('aaaa1111'),
      ARN('bbbb2222'),
      ARN('cccc3333'),
    ]);
  });

  it('filters by a CQL expression, alone and with a status', async () => {
    const filter = ['--filter', 'attribute:ecs.instance-type == t2.small'];
    expect(await arns(filter)).toEqual([ARN('aaaa1111'), ARN('cccc3333'), ARN('dddd4444')]);
    expect(await arns([...filter, '--status', 'ACTIVE'])).toEqual([
      ARN('aaaa1111'),
      ARN('cccc3333'),
    ]);
    expect(
      await arns([
        '--filter',
        'attribute:ecs.availability-zone in [us-east-1b] and not(attribute:ecs.instance-type =~ t2.m.*)',
      ]),
    ).toEqual([ARN('cccc3333')]);
  });

  it('a bad filter is InvalidParameterException with the position, exit 254', async () => {
    const run = await runCli([...LIST, '--filter', 'attribute:ecs.instance-type ==']);
    expect(run.code).toBe(254);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^\nAn error occurred \(InvalidParameterException\) when calling the ListContainerInstances operation: .*column \d+/,
    );
  });

  it('an unknown cluster is ClusterNotFoundException, exit 254', async () => {
    const run = await runCli([...LIST, '--cluster', 'nope']);
    expect(run.code).toBe(254);
    expect(run.stderr).toContain(
      'An error occurred (ClusterNotFoundException) when calling the ListContainerInstances operation',
    );
  });

  it('usage errors exit 252', async () => {
    const noState = await runCli(['list-container-instances']);
    expect(noState.code).toBe(252);
    expect(noState.stderr).toContain('required: --cluster-state');
    const badStatus = await runCli([...LIST, '--status', 'SLEEPING']);
    expect(badStatus.code).toBe(252);
    expect(badStatus.stderr).toContain("invalid choice: 'SLEEPING'");
  });

  it('an unreadable cluster state exits 255', async () => {
    const run = await runCli(['list-container-instances', '--cluster-state', 'nowhere.json']);
    expect(run.code).toBe(255);
    expect(run.stderr).toContain('could not read the cluster state nowhere.json');
  });
});
