/**
 * Acceptance: a capacity provider whose share cannot be placed because it has no ACTIVE
 * instance at all reports a failure for that share; the other provider keeps only its own
 * share (no spill-over). The `hybrid` fixture's provider `spare` is associated and ACTIVE but
 * owns no container instance.
 */
import { describe, expect, it } from 'vitest';
import { HYBRID, runTask } from './run-example.js';

describe('a capacity provider with no instances', () => {
  it('reports NO ACTIVE INSTANCES for its share and does not spill over', async () => {
    const body = await runTask(
      [
        '--cluster',
        'hybrid',
        '--task-definition',
        'anywhere',
        '--count',
        '4',
        '--capacity-provider-strategy',
        'capacityProvider=ondemand,weight=1',
        'capacityProvider=spare,weight=1',
      ],
      HYBRID,
    );
    expect(body.tasks.map((t) => t.capacityProviderName)).toEqual(['ondemand', 'ondemand']);
    expect(body.failures).toHaveLength(1);
    expect(body.failures[0]).toMatchObject({
      arn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/spare',
      reason: 'NO ACTIVE INSTANCES',
    });
  });

  it('a strategy of only that provider places nothing and says why', async () => {
    const body = await runTask(
      [
        '--cluster',
        'hybrid',
        '--task-definition',
        'anywhere',
        '--count',
        '3',
        '--capacity-provider-strategy',
        'capacityProvider=spare',
      ],
      HYBRID,
    );
    expect(body.tasks).toEqual([]);
    expect(body.failures.map((f) => f.reason)).toEqual(['NO ACTIVE INSTANCES']);
  });
});
