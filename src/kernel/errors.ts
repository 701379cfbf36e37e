/**
 * The exceptions of the ECS RunTask API, named exactly as the service (and the AWS SDK v3)
 * name them, so `err.name` can be matched the same way against us and against AWS.
 */
export abstract class EcsServiceException extends Error {
  /** Where the service would answer with `$fault: client` or `server`. */
  abstract readonly fault: 'client' | 'server';
}

function define<N extends string>(name: N, fault: 'client' | 'server') {
  const Exception = class extends EcsServiceException {
    override readonly name: N = name;
    readonly fault = fault;
  };
  Object.defineProperty(Exception, 'name', { value: name });
  return Exception;
}

export const InvalidParameterException = define('InvalidParameterException', 'client');
export type InvalidParameterException = InstanceType<typeof InvalidParameterException>;
export const ClusterNotFoundException = define('ClusterNotFoundException', 'client');
export type ClusterNotFoundException = InstanceType<typeof ClusterNotFoundException>;
export const ClientException = define('ClientException', 'client');
export type ClientException = InstanceType<typeof ClientException>;
export const UnsupportedFeatureException = define('UnsupportedFeatureException', 'client');
export type UnsupportedFeatureException = InstanceType<typeof UnsupportedFeatureException>;
export const PlatformUnknownException = define('PlatformUnknownException', 'client');
export type PlatformUnknownException = InstanceType<typeof PlatformUnknownException>;
export const PlatformTaskDefinitionIncompatibilityException = define(
  'PlatformTaskDefinitionIncompatibilityException',
  'client',
);
export type PlatformTaskDefinitionIncompatibilityException = InstanceType<
  typeof PlatformTaskDefinitionIncompatibilityException
>;
export const AccessDeniedException = define('AccessDeniedException', 'client');
export type AccessDeniedException = InstanceType<typeof AccessDeniedException>;
export const BlockedException = define('BlockedException', 'client');
export type BlockedException = InstanceType<typeof BlockedException>;
export const ServerException = define('ServerException', 'server');
export type ServerException = InstanceType<typeof ServerException>;

/**
 * RunTask with a `clientToken` already used in the cluster for a different request. As in the
 * API, `resourceIds` are "the existing task ARNs which are already associated with the
 * clientToken".
 */
export class ConflictException extends EcsServiceException {
  override readonly name = 'ConflictException';
  readonly fault = 'client';
  readonly resourceIds: string[];

  constructor(message: string, resourceIds: readonly string[]) {
    super(message);
    this.resourceIds = [...resourceIds];
  }
}

// The exceptions of the ECS operations besides RunTask (docs/endpoint.md).
export const TargetNotFoundException = define('TargetNotFoundException', 'client');
export type TargetNotFoundException = InstanceType<typeof TargetNotFoundException>;
export const AttributeLimitExceededException = define('AttributeLimitExceededException', 'client');
export type AttributeLimitExceededException = InstanceType<typeof AttributeLimitExceededException>;
export const ClusterContainsContainerInstancesException = define(
  'ClusterContainsContainerInstancesException',
  'client',
);
export type ClusterContainsContainerInstancesException = InstanceType<
  typeof ClusterContainsContainerInstancesException
>;
export const ClusterContainsTasksException = define('ClusterContainsTasksException', 'client');
export type ClusterContainsTasksException = InstanceType<typeof ClusterContainsTasksException>;
export const ResourceNotFoundException = define('ResourceNotFoundException', 'client');
export type ResourceNotFoundException = InstanceType<typeof ResourceNotFoundException>;
