/**
 * `snapshot capture`: the snapshot of one or more clusters straight from an account, with the
 * AWS SDK for JavaScript v3 and its standard credential chain. The answers go through the
 * same import as AWS CLI outputs, so a capture and an import of the same data agree.
 */
import type { ImportSnapshotResult } from '../import/import-snapshot.js';
import { importSnapshot } from '../import/import-snapshot.js';
import { type CapturePlan, captureDocuments } from './capture-documents.js';
import { CaptureSetupError } from './capture-errors.js';
import { loadAwsSdk, SDK_IMPORTERS, type SdkImporters } from './load-aws-sdk.js';
import type { CaptureProgress } from './progress.js';

export interface CaptureOptions {
  clusters: readonly string[];
  taskDefinitions?: readonly string[];
  /** Otherwise the SDK's chain: AWS_REGION, then the profile's region. */
  region?: string | undefined;
  /** A profile of ~/.aws/config and ~/.aws/credentials (otherwise AWS_PROFILE or default). */
  profile?: string | undefined;
  /** Another ECS (and EC2) endpoint, such as a local one. */
  endpointUrl?: string | undefined;
  /** Describe the subnets (EC2 DescribeSubnets); default true. */
  subnets?: boolean;
  allowPartial?: boolean;
  progress: CaptureProgress;
  /** Tests replace how the SDK is loaded. */
  importers?: SdkImporters;
}

export interface CaptureResult extends ImportSnapshotResult {
  /** Calls answered. */
  calls: number;
}

export async function captureSnapshot(options: CaptureOptions): Promise<CaptureResult> {
  const withSubnets = options.subnets !== false;
  const sdk = await loadAwsSdk(withSubnets, options.importers ?? SDK_IMPORTERS);
  const config = {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpointUrl !== undefined ? { endpoint: options.endpointUrl } : {}),
  };
  const ecs = new sdk.ecs.ECSClient(config);
  const ec2 = sdk.ec2 ? new sdk.ec2.EC2Client(config) : undefined;
  try {
    const region = await resolveRegion(() => ecs.config.region());
    const plan: CapturePlan = {
      clusters: options.clusters,
      taskDefinitions: options.taskDefinitions ?? [],
      region,
    };
    const documents = await captureDocuments({ sdk, ecs, ec2 }, plan, options.progress);
    const result = importSnapshot(documents, {
      region,
      ...(options.allowPartial === true ? { allowPartial: true } : {}),
    });
    return { ...result, calls: documents.length };
  } finally {
    options.progress.end();
    ecs.destroy();
    ec2?.destroy();
  }
}

async function resolveRegion(region: () => Promise<string>): Promise<string> {
  let value: string | undefined;
  try {
    value = await region();
  } catch {
    value = undefined;
  }
  if (!value) {
    throw new CaptureSetupError(
      'no AWS region: give --region, set AWS_REGION, or set a region in the profile (~/.aws/config)',
      'configuration',
    );
  }
  return value;
}
