/**
 * Acceptance: the EXTERNAL launch type places only on instances registered as external
 * (`ecs.capability.external`), and EC2 never does. The fixture cluster `hybrid` has two EC2
 * instances (0001 with provider ondemand, 0002 without) and two external ones: 0003 ACTIVE,
 * 0004 DRAINING.
 */
import { describe, expect, it } from 'vitest';
import { HYBRID, command, runTask } from './run-example.js';

const ARN = (id: string) => `arn:aws:ecs:us-east-1:123456789012:container-instance/hybrid/${id}`;
const EC2_ONE = ARN('aaaa0000000000000000000000000001');
const EC2_TWO = ARN('bbbb0000000000000000000000000002');
const EXTERNAL_ACTIVE = ARN('eeee0000000000000000000000000003');

function hybrid(argv: string[]) {
  return runTask(['--cluster', 'hybrid', ...argv], HYBRID);
}

describe('EXTERNAL launch type', () => {
  it('places every task on the ACTIVE external instance only', async () => {
    for (const family of ['edge', 'anywhere']) {
      const body = await hybrid([
        '--task-definition',
        family,
        '--count',
        '4',
        '--launch-type',
        'EXTERNAL',
      ]);
      expect(body.failures).toEqual([]);
      expect(body.tasks.map((t) => [t.launchType, t.containerInstanceArn])).toEqual(
        Array.from({ length: 4 }, () => ['EXTERNAL', EXTERNAL_ACTIVE]),
      );
    }
  });

  it('reports failures only for external instances when none fits', async () => {
    const body = await hybrid([
      '--task-definition',
      'anywhere',
      '--launch-type',
      'EXTERNAL',
      '--placement-constraints',
      'type=memberOf,expression="attribute:ecs.instance-type == m5.large"',
    ]);
    expect(body.tasks).toEqual([]);
    expect(body.failures).toEqual([
      { arn: EXTERNAL_ACTIVE, reason: 'MemberOf placement constraint unsatisfied.' },
    ]);
  });

  it('a cluster without external instances reports NO ACTIVE INSTANCES, never an EC2 host', async () => {
    const body = await runTask(
      ['--cluster', 'ec2only', '--task-definition', 'anywhere', '--launch-type', 'EXTERNAL'],
      HYBRID,
    );
    expect(body.tasks).toEqual([]);
    expect(body.failures).toMatchObject([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/ec2only', reason: 'NO ACTIVE INSTANCES' },
    ]);
  });

  it('the EC2 launch type (explicit or by default) never uses external instances', async () => {
    for (const launch of [['--launch-type', 'EC2'], []]) {
      const body = await hybrid(['--task-definition', 'anywhere', '--count', '10', ...launch]);
      expect(body.failures).toEqual([]);
      expect(body.tasks).toHaveLength(10);
      for (const task of body.tasks) {
        expect([EC2_ONE, EC2_TWO]).toContain(task.containerInstanceArn);
      }
    }
  });

  it('a task definition that requires EXTERNAL cannot run as EC2', async () => {
    const run = await command([
      'run-task',
      '--cluster-state',
      HYBRID,
      '--cluster',
      'hybrid',
      '--task-definition',
      'edge',
      '--launch-type',
      'EC2',
    ]);
    expect(run.code).toBe(254);
    expect(run.stderr).toContain('does not support launch_type EC2');
  });

  it('list-container-instances finds the external instances by their capability', async () => {
    const run = await command([
      'list-container-instances',
      '--cluster-state',
      HYBRID,
      '--cluster',
      'hybrid',
      '--filter',
      'attribute:ecs.capability.external exists and ec2InstanceId =~ mi-.*',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      containerInstanceArns: [EXTERNAL_ACTIVE, ARN('eeee0000000000000000000000000004')],
    });
  });
});
