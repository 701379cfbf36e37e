/**
 * Loads the AWS SDK for JavaScript v3 clients, only when a capture runs: the library and the
 * other commands never import them (they are optional dependencies). A missing package is
 * reported with how to install it.
 */
import type { Ec2Sdk, EcsSdk } from './aws-sdk-types.js';
import { CaptureSetupError } from './capture-errors.js';

export interface AwsSdk {
  ecs: EcsSdk;
  /** Undefined when the capture describes no subnets (--no-subnets). */
  ec2: Ec2Sdk | undefined;
}

export interface SdkImporters {
  ecs: () => Promise<EcsSdk>;
  ec2: () => Promise<Ec2Sdk>;
}

// The names are variables so that TypeScript does not load the SDK's declarations
// (see aws-sdk-types.ts); at run time this is a plain dynamic import.
const ECS_PACKAGE: string = '@aws-sdk/client-ecs';
const EC2_PACKAGE: string = '@aws-sdk/client-ec2';

export const SDK_IMPORTERS: SdkImporters = {
  ecs: () => import(ECS_PACKAGE) as Promise<EcsSdk>,
  ec2: () => import(EC2_PACKAGE) as Promise<Ec2Sdk>,
};

export async function loadAwsSdk(withEc2: boolean, importers = SDK_IMPORTERS): Promise<AwsSdk> {
  // The SDK warns on stderr that its releases after early 2027 need Node 22; a capture's
  // stderr is for its progress and notes, so the warning is off unless the user set it.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const ecs = await load(ECS_PACKAGE, importers.ecs);
  const ec2 = withEc2 ? await load(EC2_PACKAGE, importers.ec2) : undefined;
  return { ecs, ec2 };
}

async function load<T>(name: string, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new CaptureSetupError(
      `snapshot capture needs the AWS SDK for JavaScript v3 package ${name}, which is not ` +
        'installed. ecs-placement lists @aws-sdk/client-ecs and @aws-sdk/client-ec2 as optional ' +
        'dependencies (an install with --omit=optional leaves them out); install them with ' +
        '`npm install @aws-sdk/client-ecs @aws-sdk/client-ec2`.',
      'setup',
    );
  }
}
