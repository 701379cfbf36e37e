import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/api/cluster.js';
import {
  type ImportDocument,
  type ImportSnapshotOptions,
  importSnapshot,
  SnapshotImportError,
} from '../../src/snapshot/index.js';
import {
  ACCOUNT,
  CLUSTER_ARN,
  exampleDocuments,
  instanceArn,
  REGION,
  records,
  taskArn,
} from './aws-cli-examples.js';

const I = {
  a: '3f6c2a9e8b1d4c7fa05e6b2d9c8a7f41',
  b: '7a0e4d2c9b3f4e18a6c5d7e2f1b0a953',
  c: 'b41d9e7c2a6f4b03c8e5a1d0f7296e2c',
  draining: 'd92a7f3e5c1b4a86b0e4c3d2a1f5e678',
  xlarge: 'e15b8c4d6a2f4e97d3a0b9c8e7f6d512',
};
const T = {
  webA: '0b5e8f2a7c3d4e91a6b0c5d4e3f2a1b7',
  webB: '1c6f9a3b8d4e4fa2b7c1d6e5f4a3b2c8',
  workerEc2: '2d7a0b4c9e5f4ab3c8d2e7f6a5b4c3d9',
  workerFargate: '3e8b1c5d0f6a4bc4d9e3f8a7b6c5d4ea',
};
const PAGE_1 = 'describe-container-instances-page-1.json';
const PAGE_2 = 'describe-container-instances-page-2.json';
const TASKS = 'describe-tasks.json';
const CLUSTERS = 'describe-clusters.json';

function problem(documents: ImportDocument[], options: ImportSnapshotOptions = {}): string {
  try {
    importSnapshot(documents, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotImportError);
    return (error as Error).message;
  }
  throw new Error('expected a SnapshotImportError');
}

describe('importSnapshot on the bundled AWS CLI outputs', () => {
  const { snapshot, notes } = importSnapshot(exampleDocuments());

  it('takes region and account from the ARNs and assembles the cluster', () => {
    expect(notes).toEqual([]);
    expect(snapshot.region).toBe('eu-west-1');
    expect(snapshot.accountId).toBe('210987654321');
    expect(snapshot.clusters.map((c) => c.clusterName)).toEqual(['shop']);
    const [shop] = snapshot.clusters;
    expect(shop!.defaultCapacityProviderStrategy).toEqual([
      { capacityProvider: 'shop-ondemand', weight: 1, base: 0 },
    ]);
    // Both pages, in ARN order whatever the page order.
    expect(shop!.containerInstances.map((i) => i.containerInstanceArn)).toEqual([
      instanceArn(I.a),
      instanceArn(I.b),
      instanceArn(I.c),
      instanceArn(I.draining),
      instanceArn(I.xlarge),
    ]);
    expect(shop!.tasks.map((t) => t.taskArn)).toEqual([
      taskArn(T.webA),
      taskArn(T.webB),
      taskArn(T.workerEc2),
      taskArn(T.workerFargate),
    ]);
    // Timestamps normalised as for any snapshot.
    expect(shop!.containerInstances[0]!.registeredAt).toBe('2026-04-02T08:15:42.118Z');
  });

  it('unwraps describe-task-definition, keeping the wrapper tags as the definition tags', () => {
    expect(snapshot.taskDefinitions.map((d) => `${d.family}:${d.revision}`)).toEqual([
      'web:3',
      'worker:7',
    ]);
    expect(snapshot.taskDefinitions[0]!.tags).toEqual([
      { key: 'team', value: 'storefront' },
      { key: 'service', value: 'web' },
    ]);
  });

  it('keeps the capacity providers and maps subnets to their zones', () => {
    expect(snapshot.capacityProviders!.map((p) => p.name)).toEqual([
      'FARGATE',
      'FARGATE_SPOT',
      'shop-ondemand',
    ]);
    expect(snapshot.subnets).toEqual({
      'subnet-0a1b2c3d4e5f60001': 'eu-west-1a',
      'subnet-0a1b2c3d4e5f60002': 'eu-west-1b',
      'subnet-0a1b2c3d4e5f60003': 'eu-west-1c',
      'subnet-0a1b2c3d4e5f60004': 'eu-west-1a',
    });
  });

  it('gives the same snapshot whatever the order of the inputs', () => {
    expect(importSnapshot(exampleDocuments().reverse()).snapshot).toEqual(snapshot);
  });

  it('loads in the engine and places a task', () => {
    const cluster = Cluster.fromSnapshot(snapshot);
    const response = cluster.runTask({ cluster: 'shop', taskDefinition: 'web', count: 2 });
    expect(response.failures).toEqual([]);
    // Port 80 is taken on a and b; the DRAINING and staging instances are out.
    expect(response.tasks.map((t) => t.containerInstanceArn).sort()).toEqual([
      instanceArn(I.c),
      instanceArn(I.xlarge),
    ]);
  });

  it('returns fresh objects: the inputs are neither kept nor changed', () => {
    const documents = exampleDocuments();
    const before = JSON.stringify(documents);
    const result = importSnapshot(documents);
    result.snapshot.clusters[0]!.containerInstances[0]!.attributes!.push({ name: 'x' });
    expect(JSON.stringify(documents)).toBe(before);
  });
});

describe('importSnapshot: pages and duplicates', () => {
  it('keeps one of identical copies without a note', () => {
    const documents = [
      ...exampleDocuments(),
      { source: 'again.json', value: exampleDocuments()[4]!.value },
    ];
    const result = importSnapshot(documents);
    expect(result.notes).toEqual([]);
    expect(result.snapshot.clusters[0]!.containerInstances).toHaveLength(5);
  });

  it('keeps the higher version of a container instance and says so', () => {
    const newer = exampleDocuments({
      [PAGE_1]: (page) => {
        const instance = records(page, 'containerInstances')[0]!;
        instance['version'] = 15;
        instance['runningTasksCount'] = 2;
        return { containerInstances: [instance], failures: [] };
      },
    }).find((d) => d.source === PAGE_1)!;
    const documents = [{ ...newer, source: 'later-page.json' }, ...exampleDocuments()];
    const result = importSnapshot(documents);
    expect(result.snapshot.clusters[0]!.containerInstances[0]!.runningTasksCount).toBe(2);
    expect(result.notes).toEqual([
      `container instance ${instanceArn(I.a)} appears twice with different content: kept the one in later-page.json at $.containerInstances[0] (version 15 over 14) over ${PAGE_1} at $.containerInstances[0]`,
    ]);
  });

  it('keeps the later input when versions are equal or absent', () => {
    const renamed = exampleDocuments({
      [CLUSTERS]: (doc) => {
        records(doc, 'clusters')[0]!['activeServicesCount'] = 3;
        return doc;
      },
    }).find((d) => d.source === CLUSTERS)!;
    const result = importSnapshot([
      ...exampleDocuments(),
      { ...renamed, source: 'zz-clusters.json' },
    ]);
    expect(result.snapshot.clusters[0]).toMatchObject({ activeServicesCount: 3 });
    expect(result.notes).toEqual([
      `cluster ${CLUSTER_ARN} appears twice with different content: kept the one in zz-clusters.json at $.clusters[0] (the later input) over ${CLUSTERS} at $.clusters[0]`,
    ]);
  });

  it('reads bare lists (aws ... --query tasks) and ignores empty ones', () => {
    const documents = exampleDocuments({
      [TASKS]: (doc) => doc['tasks'] as never,
    });
    documents.push({ source: 'none.json', value: [] });
    expect(importSnapshot(documents).snapshot.clusters[0]!.tasks).toHaveLength(4);
  });

  it('notes what describe-* reported missing, and excuses those listed ARNs', () => {
    const gone = taskArn('99999999999999999999999999999999');
    const documents = exampleDocuments({
      'list-tasks.json': (doc) => ({ taskArns: [...(doc['taskArns'] as string[]), gone] }),
      [TASKS]: (doc) => ({ ...doc, failures: [{ arn: gone, reason: 'MISSING' }] }),
    });
    expect(importSnapshot(documents).notes).toEqual([
      `${TASKS}: aws ecs describe-tasks reported ${gone}: MISSING`,
    ]);
  });
});

describe('importSnapshot: bad or incomplete inputs', () => {
  it('names a document that is no known AWS CLI output, and lists the known ones', () => {
    const message = problem([
      ...exampleDocuments(),
      { source: 'notes.json', value: { owner: 'me', tickets: [] } },
    ]);
    expect(message).toContain(
      'notes.json: not an AWS CLI output this command reads (top-level members owner, tickets). It reads the JSON output (--output json) of:',
    );
    expect(message).toContain(
      'aws ecs describe-container-instances  {"containerInstances": [...], "failures": [...]}',
    );
    expect(message).toContain('aws ec2 describe-subnets');
  });

  it('says when a document is already a snapshot', () => {
    expect(
      problem([
        { source: 'cluster.json', value: { region: REGION, accountId: ACCOUNT, clusters: [] } },
      ]),
    ).toBe(
      'cluster.json: this is already an ecs-placement snapshot (region, accountId, clusters): give it to run-task with --cluster-state as it is; snapshot import reads AWS CLI outputs',
    );
  });

  it('refuses a document that mixes two outputs, and a record of the wrong kind', () => {
    expect(problem([{ source: 'mixed.json', value: { tasks: [], containerInstances: [] } }])).toBe(
      "mixed.json: it mixes the outputs of aws ecs describe-container-instances and aws ecs describe-tasks (members containerInstances, tasks); give each command's output as it printed it",
    );
    expect(
      problem([{ source: 'odd.json', value: { tasks: [{ taskArn: 'arn:x' }, { name: 'web' }] } }]),
    ).toBe('odd.json: $.tasks[1] is not what aws ecs describe-tasks prints: a task needs taskArn');
  });

  it('requires the describe-clusters output', () => {
    expect(problem(exampleDocuments({ [CLUSTERS]: null }))).toContain(
      'no describe-clusters output among the inputs',
    );
  });

  it('refuses pages of a cluster that no describe-clusters output describes', () => {
    const other = instanceArn(I.a).replace('/shop/', '/batch/');
    const message = problem(
      exampleDocuments({
        [PAGE_2]: (page) => {
          records(page, 'containerInstances')[0]!['containerInstanceArn'] = other;
          return page;
        },
      }),
    );
    expect(message).toBe(
      `${PAGE_2} at $.containerInstances[0]: the container instance ${other} belongs to cluster batch, which no describe-clusters output among the inputs describes. Add the output of \`aws ecs describe-clusters --clusters batch --output json\`, or leave out the pages of that cluster.`,
    );
  });

  it('accepts several clusters when describe-clusters describes them all', () => {
    const batchArn = CLUSTER_ARN.replace(':cluster/shop', ':cluster/batch');
    const result = importSnapshot(
      exampleDocuments({
        [CLUSTERS]: (doc) => {
          records(doc, 'clusters').push({
            clusterArn: batchArn,
            clusterName: 'batch',
            status: 'ACTIVE',
          });
          return doc;
        },
        [PAGE_2]: (page) => {
          const instance = records(page, 'containerInstances')[0]!;
          instance['containerInstanceArn'] = instanceArn(I.draining).replace('/shop/', '/batch/');
          instance['capacityProviderName'] = undefined;
          return page;
        },
        'list-container-instances-page-2.json': null,
      }),
    );
    expect(
      result.snapshot.clusters.map((c) => [c.clusterName, c.containerInstances.length]),
    ).toEqual([
      ['shop', 4],
      ['batch', 1],
    ]);
  });

  it('refuses an ARN from another region or account, naming both ARNs and their files', () => {
    const elsewhere = taskArn(T.webA).replace(REGION, 'us-east-1');
    expect(
      problem(
        exampleDocuments({
          [TASKS]: (doc) => {
            records(doc, 'tasks')[0]!['taskArn'] = elsewhere;
            return doc;
          },
        }),
      ),
    ).toBe(
      `the ARN ${elsewhere} (${TASKS} at $.tasks[0].taskArn) is in region us-east-1, but the ARN ${CLUSTER_ARN} (describe-capacity-providers.json at $.capacityProviders[0].capacityProviderArn) is in region eu-west-1`.replace(
        CLUSTER_ARN,
        `arn:aws:ecs:${REGION}:${ACCOUNT}:capacity-provider/shop-ondemand`,
      ) +
        '. A snapshot holds one region of one account: import the outputs of each region and account separately, and leave out those that belong elsewhere.',
    );
    const otherAccount = instanceArn(I.c).replace(ACCOUNT, '111122223333');
    expect(
      problem(
        exampleDocuments({
          [PAGE_1]: (page) => {
            records(page, 'containerInstances')[2]!['containerInstanceArn'] = otherAccount;
            return page;
          },
        }),
      ),
    ).toContain(
      `the ARN ${otherAccount} (${PAGE_1} at $.containerInstances[2].containerInstanceArn) is in account 111122223333, but the ARN`,
    );
  });

  it('refuses --region or --account-id that disagree with the ARNs', () => {
    expect(problem(exampleDocuments(), { region: 'us-east-1' })).toContain(
      'is in region eu-west-1, but --region says us-east-1.',
    );
    expect(problem(exampleDocuments(), { accountId: '111122223333' })).toContain(
      'is in account 210987654321, but --account-id says 111122223333.',
    );
  });

  it('refuses a task whose container instance is missing, unless partial imports are allowed', () => {
    const withoutPage2 = exampleDocuments({
      [PAGE_2]: null,
      'list-container-instances-page-2.json': null,
    });
    expect(problem(withoutPage2)).toBe(
      '1 task runs on a container instance that is not among the inputs:\n' +
        `  ${TASKS} at $.tasks[2]: task ${taskArn(T.workerEc2)} runs on ${instanceArn(I.xlarge)}\n` +
        'Add the describe-container-instances output that holds it (`aws ecs describe-container-instances --cluster shop --container-instances ARN... --output json`), or give --allow-partial to leave such tasks out.',
    );
    const partial = importSnapshot(withoutPage2, { allowPartial: true });
    expect(partial.snapshot.clusters[0]!.tasks.map((t) => t.taskArn)).toEqual([
      taskArn(T.webA),
      taskArn(T.webB),
      taskArn(T.workerFargate),
    ]);
    expect(partial.notes).toEqual([
      'left out 1 task whose container instance is not among the inputs (--allow-partial):\n' +
        `  ${TASKS} at $.tasks[2]: task ${taskArn(T.workerEc2)} runs on ${instanceArn(I.xlarge)}`,
    ]);
  });

  it('refuses instances listed by list-container-instances but never described', () => {
    const documents = exampleDocuments({ [PAGE_2]: null, [TASKS]: null, 'list-tasks.json': null });
    expect(problem(documents)).toBe(
      '2 container instances listed but not described by any describe-container-instances output:\n' +
        `  list-container-instances-page-2.json at $.containerInstanceArns[0]: ${instanceArn(I.draining)}\n` +
        `  list-container-instances-page-2.json at $.containerInstanceArns[1]: ${instanceArn(I.xlarge)}\n` +
        'Add the describe-container-instances output for them (every page, at most 100 ARNs per call), or give --allow-partial to import without them.',
    );
  });

  it('refuses a capacity provider the cluster uses but no output describes', () => {
    expect(problem(exampleDocuments({ 'describe-capacity-providers.json': null }))).toBe(
      `${CLUSTERS} at $.clusters[0]: cluster shop uses the capacity provider shop-ondemand, which no describe-capacity-providers output among the inputs describes. Add the output of \`aws ecs describe-capacity-providers --capacity-providers shop-ondemand --output json\`.`,
    );
  });

  it('notes task definitions and subnets in use but not imported', () => {
    const { notes } = importSnapshot(
      exampleDocuments({
        'describe-task-definition-worker.json': null,
        'describe-subnets.json': null,
      }),
    );
    expect(notes).toEqual([
      'the task definitions worker:7 of running tasks are not among the inputs; run-task can place only the task definitions imported (add `aws ecs describe-task-definition --task-definition NAME --include TAGS --output json` outputs)',
      'the subnets subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002, subnet-0a1b2c3d4e5f60003 used by instances or tasks are not described: run-task cannot tell their Availability Zones (add `aws ec2 describe-subnets --output json`)',
    ]);
  });

  it('tells a snapshot validation problem in terms of the input file and path', () => {
    expect(
      problem(
        exampleDocuments({
          [PAGE_2]: (page) => {
            records(page, 'containerInstances')[1]!['status'] = 'SLEEPING';
            return page;
          },
        }),
      ),
    ).toBe(
      `${PAGE_2} at $.containerInstances[1].status: expected one of ACTIVE, DRAINING, REGISTERING, DEREGISTERING, REGISTRATION_FAILED, INACTIVE, got "SLEEPING"`,
    );
    expect(
      problem(
        exampleDocuments({
          'describe-task-definition-web.json': (doc) => {
            (doc['taskDefinition'] as Record<string, unknown>)['networkMode'] = 'mesh';
            return doc;
          },
        }),
      ),
    ).toBe(
      'describe-task-definition-web.json at $.taskDefinition.networkMode: expected one of bridge, host, awsvpc, none, got "mesh"',
    );
  });

  it('refuses an empty list of documents', () => {
    expect(problem([])).toContain('no input');
  });
});

describe('the package entry point', () => {
  it('exports importSnapshot and parseJsonDocuments', async () => {
    const api = await import('ecs-placement');
    const documents = exampleDocuments();
    expect(api.importSnapshot(documents).snapshot.clusters[0]!.clusterName).toBe('shop');
    expect(api.parseJsonDocuments('{"taskArns": []}', 'x.json')).toEqual([
      { value: { taskArns: [] }, source: 'x.json' },
    ]);
  });
});
