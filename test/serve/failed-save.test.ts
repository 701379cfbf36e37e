// A save that fails (the file changed under the server, a full disk): the call that made the
// change answers ServerException, and every later change is refused before it is made, so a
// client's retries cannot pile up changes the file does not have. Reads go on.
import { afterEach, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import { ECS_TARGET_PREFIX } from '../../src/serve/ecs-endpoint.js';
import { containerInstance, snapshotOf, taskDefinition } from '../../src/testing/builders.js';
import { type RunningEndpoint, startEndpoint } from './endpoint-fixture.js';

const web = taskDefinition('web', [{ name: 'web', cpu: 100, memory: 100 }]);

function cluster(): Cluster {
  return Cluster.fromSnapshot(
    snapshotOf({
      instances: [containerInstance({ id: 'a', cpu: 1000, memory: 1000 })],
      taskDefinitions: [web],
    }),
  );
}

let endpoint: RunningEndpoint | undefined;
afterEach(() => endpoint?.close());

async function call(
  op: string,
  input: object,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(endpoint!.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${ECS_TARGET_PREFIX}${op}`,
    },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a failed save', () => {
  test('answers ServerException, then refuses every change; reads go on', async () => {
    let attempts = 0;
    const logged: string[] = [];
    endpoint = await startEndpoint(cluster(), {
      // Fails once, then would succeed: the refusal must not depend on the next save failing.
      persist: async () => {
        attempts++;
        if (attempts === 1) throw new Error('cluster.json was changed by another program');
      },
      log: (line) => logged.push(line),
    });
    const first = await call('RunTask', { taskDefinition: 'web' });
    expect(first.status).toBe(500);
    expect(first.body.__type).toBe('ServerException');
    expect(String(first.body.message)).toContain('could not be saved');
    expect(logged.join('\n')).toContain('further changes are refused');

    // The retry a client makes is refused before anything changes, and no save is tried.
    for (let retry = 0; retry < 3; retry++) {
      const again = await call('RunTask', { taskDefinition: 'web' });
      expect(again.status).toBe(500);
      expect(String(again.body.message)).toContain('Changes are refused');
    }
    expect(attempts).toBe(1);
    const listed = await call('ListTasks', {});
    expect(listed.status).toBe(200);
    // Only the change whose save failed is in the state; the retries added nothing.
    expect(listed.body.taskArns).toHaveLength(1);
  });

  test('changes go on while saves succeed', async () => {
    let saves = 0;
    endpoint = await startEndpoint(cluster(), {
      persist: async () => {
        saves++;
      },
    });
    for (let n = 0; n < 3; n++) {
      expect((await call('RunTask', { taskDefinition: 'web' })).status).toBe(200);
    }
    expect(saves).toBe(3);
  });
});
