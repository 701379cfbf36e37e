// Starts the endpoint in-process on a free loopback port, and builds real SDK clients for it.
import { ECSClient } from '@aws-sdk/client-ecs';
import { Cluster } from '../../src/api/cluster.js';
import { createEcsEndpoint, type EcsEndpointOptions } from '../../src/serve/ecs-endpoint.js';

export interface RunningEndpoint {
  url: string;
  cluster: Cluster;
  client: ECSClient;
  close(): Promise<void>;
}

export async function startEndpoint(
  cluster: Cluster = Cluster.empty(),
  options: Omit<EcsEndpointOptions, 'cluster'> = {},
): Promise<RunningEndpoint> {
  const endpoint = createEcsEndpoint({ cluster, ...options });
  const url = await endpoint.listen(0, '127.0.0.1');
  const client = sdkClient(url);
  return {
    url,
    cluster,
    client,
    close: async () => {
      client.destroy();
      endpoint.server.closeAllConnections();
      await endpoint.close();
    },
  };
}

/** The real ECSClient with dummy credentials, pointed at `url`. */
export function sdkClient(url: string): ECSClient {
  return new ECSClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'dummy', secretAccessKey: 'dummy' },
    maxAttempts: 1,
  });
}

/** An EC2 instance identity document as the agent reads it. */
export function identityDocument(n: number, zone = `us-east-1${'abc'[n % 3]}`): string {
  return JSON.stringify({
    instanceId: `i-${String(n).padStart(8, '0')}`,
    instanceType: 'm5.large',
    availabilityZone: zone,
    imageId: 'ami-0123456789',
    architecture: 'x86_64',
    region: 'us-east-1',
    accountId: '123456789012',
  });
}

export const totalResources = (cpu = 2048, memory = 4096) => [
  { name: 'CPU', type: 'INTEGER', integerValue: cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679'] },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
];
