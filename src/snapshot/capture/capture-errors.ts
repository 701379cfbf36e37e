/**
 * Why a capture stopped, told the way a user can act on it: which call failed, the
 * service's own words in the AWS CLI's form, and for a denied call the IAM permission it
 * needs. Exit statuses follow the AWS CLI: 253 no credentials or region (configuration),
 * 254 the service answered with an error, 255 anything else (no connection, no SDK).
 */
import { CAPTURE_PERMISSIONS, permissionFor, type Service } from './capture-permissions.js';

/** A problem before any call: no SDK, no region, bad configuration. */
export class CaptureSetupError extends Error {
  override readonly name = 'CaptureSetupError';
  constructor(
    message: string,
    readonly kind: 'setup' | 'configuration',
  ) {
    super(message);
  }
}

/** A call to ECS or EC2 that failed (after the SDK's own retries). */
export class CaptureCallError extends Error {
  override readonly name = 'CaptureCallError';
  constructor(
    readonly service: Service,
    readonly operation: string,
    override readonly cause: unknown,
    /** What the call was about, when one call of many failed: `task definition web:9`. */
    readonly subject?: string,
  ) {
    super(`${service} ${operation}${subject ? ` (${subject})` : ''} failed: ${messageOf(cause)}`);
  }
}

/** A call answered, but not with what the capture needs (a cluster that does not exist). */
export class CaptureAnswerError extends Error {
  override readonly name = 'CaptureAnswerError';
}

export type CaptureFailureKind = 'configuration' | 'service' | 'tool';

export interface CaptureFailure {
  kind: CaptureFailureKind;
  /** Lines for stderr (each ends with a newline). */
  text: string;
}

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const REFUSED_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'AuthFailure',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

export function explainCaptureFailure(error: unknown, command: string): CaptureFailure | undefined {
  if (error instanceof CaptureSetupError) {
    return {
      kind: error.kind === 'setup' ? 'tool' : 'configuration',
      text: `${command}: error: ${error.message}\n`,
    };
  }
  if (error instanceof CaptureAnswerError) {
    return { kind: 'service', text: `${command}: error: ${error.message}\n` };
  }
  if (!(error instanceof CaptureCallError)) return undefined;
  const { service, operation, cause } = error;
  const name = (cause as { name?: unknown } | null)?.name;
  const errorName = typeof name === 'string' ? name : 'Error';
  const awsLine = `\nAn error occurred (${errorName}) when calling the ${operation} operation: ${messageOf(cause)}\n`;
  if (ACCESS_DENIED.has(errorName)) {
    return {
      kind: 'service',
      text:
        awsLine +
        `${command}: error: access denied to ${service} ${operation}: the credentials in use need ` +
        `the IAM permission ${permissionFor(service, operation)}. A capture calls ` +
        `${CAPTURE_PERMISSIONS.join(', ')} (ec2:DescribeSubnets is skipped with --no-subnets).\n`,
    };
  }
  if (errorName === 'CredentialsProviderError') {
    return {
      kind: 'configuration',
      text:
        `${command}: error: no AWS credentials found (${messageOf(cause)}). The SDK looks in ` +
        'the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), the ' +
        'profile (--profile or AWS_PROFILE) in ~/.aws/config and ~/.aws/credentials, SSO, web ' +
        'identity, and container or instance roles.\n',
    };
  }
  if (REFUSED_CREDENTIALS.has(errorName)) {
    return {
      kind: 'service',
      text:
        awsLine +
        `${command}: error: ${service} refused the credentials in use: check the access key, ` +
        'the session token (it may have expired), --profile and --region.\n',
    };
  }
  const status = (cause as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata
    ?.httpStatusCode;
  if (typeof status === 'number') {
    const about = error.subject
      ? `${command}: error: ${operation} failed for ${error.subject}\n`
      : '';
    return { kind: 'service', text: awsLine + about };
  }
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return {
      kind: 'tool',
      text: `${command}: error: could not connect to ${service} for ${operation}: ${messageOf(cause)} (check --endpoint-url, --region and the network)\n`,
    };
  }
  return { kind: 'tool', text: `${command}: error: ${error.message}\n` };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
