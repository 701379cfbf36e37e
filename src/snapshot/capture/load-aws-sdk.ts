/**
 * Loads the AWS SDK for JavaScript v3 clients, only when a capture runs: the library and the
 * other commands never import them (they are optional dependencies). A missing package is
 * reported with how to install it.
 */
import type * as Ec2 from '@aws-sdk/client-ec2';
import type * as Ecs from '@aws-sdk/client-ecs';
import { CaptureSetupError } from './capture-errors.js';

export interface AwsSdk {
  ecs: typeof Ecs;
  /** Undefined when the capture describes no subnets (--no-subnets). */
  ec2: typeof Ec2 | undefined;
}

export interface SdkImporters {
  ecs: () => Promise<typeof Ecs>;
  ec2: () => Promise<typeof Ec2>;
}

export const SDK_IMPORTERS: SdkImporters = {
  ecs: () => import('@aws-sdk/client-ecs'),
  ec2: () => import('@aws-sdk/client-ec2'),
};

export async function loadAwsSdk(withEc2: boolean, importers = SDK_IMPORTERS): Promise<AwsSdk> {
  // The SDK warns on stderr that its releases after early 2027 need Node 22; a capture's
  // stderr is for its progress and notes, so the warning is off unless the user set it.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const ecs = await load('@aws-sdk/client-ecs', importers.ecs);
  const ec2 = withEc2 ? await load('@aws-sdk/client-ec2', importers.ec2) : undefined;
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
