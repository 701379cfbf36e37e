// The public API of ecs-placement: every export listed by name. See README.md and docs/.

// The Cluster facade: RunTask, plans with explanations, ListContainerInstances, what-if.
export {
  Cluster,
  type ClusterRunTaskOptions,
  DEFAULT_SEED,
  type RunTaskPlan,
} from './api/cluster.js';
// What-if tools (docs/what-if.md): cluster.headroom, cluster.instanceUsage.
export type {
  HeadroomBinding,
  HeadroomInstance,
  HeadroomOptions,
  HeadroomResult,
  HeadroomStop,
} from './whatif/headroom.js';
export type { InstanceUsage } from './whatif/instance-inventory.js';
export {
  type DrainMove,
  type DrainOutcome,
  DRAIN_DEFAULT_STRATEGY,
} from './whatif/drain.js';
export {
  MAX_SEEDS,
  type SimulateOptions,
  type SimulationResult,
  type StepSummary,
  simulate,
} from './simulate/simulate.js';
export type { SeedResult, StepOutcome } from './simulate/run-seed.js';
export {
  parseScenario,
  type Scenario,
  ScenarioError,
  type ScenarioStep,
} from './simulate/scenario.js';
export type { Distribution } from './simulate/statistics.js';
// The ECS operations of the Cluster facade besides RunTask: inputs and outputs (docs/endpoint.md).
export type {
  AttributesInput,
  CreateCapacityProviderInput,
  CreateClusterInput,
  DeleteClusterInput,
  DeregisterContainerInstanceInput,
  DeregisterTaskDefinitionInput,
  DescribeCapacityProvidersInput,
  DescribeClustersInput,
  DescribeContainerInstancesInput,
  DescribeTaskDefinitionInput,
  DescribeTasksInput,
  ListAttributesInput,
  ListClustersInput,
  ListTagsForResourceInput,
  ListTaskDefinitionsInput,
  ListTasksInput,
  PutClusterCapacityProvidersInput,
  RegisterContainerInstanceInput,
  StartTaskInput,
  StopTaskInput,
  TagResourceInput,
  UpdateContainerInstancesStateInput,
} from './api/operation-shapes.js';
export type { AttributesOutput, ListAttributesOutput } from './api/attribute-operations.js';
export type { ClusterDescription } from './api/cluster-operations.js';
export type { DescribeContainerInstancesOutput } from './api/container-instance-reads.js';
export type { DeregisterContainerInstanceOutput } from './api/deregister-container-instance.js';
export type { StartTaskOutput } from './api/start-task.js';
export type {
  RegisterTaskDefinitionInput,
  TaskDefinitionOutput,
} from './api/task-definition-operations.js';
export type { UpdateContainerInstancesStateOutput } from './api/update-container-instances-state.js';
// The in-process ECSClient look-alike: send(new RunTaskCommand(...)) against a Cluster.
export {
  type CommandOutput,
  DryRunEcsClient,
  type DryRunEcsClientOptions,
  type EcsCommandLike,
  type ResponseMetadata,
} from './client/dry-run-ecs-client.js';
// The untyped entry: checks JSON (or any value) and returns a typed RunTaskInput.
export { parseRunTaskInput } from './api/validate-run-task.js';
// Embedding in a scheduler: ECS events in, the change feed out (docs/embedding.md).
export type {
  ChangeCause,
  ChangeListener,
  ClusterChange,
  ResourceMove,
} from './api/change-feed.js';
export type { ClusterTransaction } from './api/cluster.js';
export type {
  ApplyAllResult,
  ContainerInstanceStateChange,
  EcsEvent,
  EcsStateChangeEvent,
  EventApplied,
  EventDetailExtras,
  EventIgnored,
  EventRejected,
  EventResult,
  TaskStateChange,
} from './events/ecs-event.js';

// The ECS exceptions, named as the service names them.
export {
  AccessDeniedException,
  BlockedException,
  ClientException,
  AttributeLimitExceededException,
  ClusterContainsContainerInstancesException,
  ClusterContainsTasksException,
  ClusterNotFoundException,
  ConflictException,
  ResourceNotFoundException,
  TargetNotFoundException,
  EcsServiceException,
  InvalidParameterException,
  PlatformTaskDefinitionIncompatibilityException,
  PlatformUnknownException,
  ServerException,
  UnsupportedFeatureException,
} from './kernel/errors.js';

// RunTask and ListContainerInstances requests and responses, with the ECS field names.
export type {
  AwsVpcConfiguration,
  EBSTagSpecification,
  Failure,
  LaunchType,
  ListContainerInstancesInput,
  ListContainerInstancesOutput,
  NetworkConfiguration,
  PropagateTags,
  RunTaskInput,
  RunTaskOptions,
  RunTaskOutput,
  TaskManagedEBSVolumeConfiguration,
  TaskManagedEBSVolumeTerminationPolicy,
  TaskVolumeConfiguration,
} from './kernel/run-task-types.js';

// The ECS shapes of a snapshot.
export type {
  Attachment,
  Attribute,
  CapacityProvider,
  CapacityProviderStrategyItem,
  ClientTokenRecord,
  ClusterSnapshot,
  Container,
  ContainerDefinition,
  ContainerInstance,
  ContainerInstanceStatus,
  ContainerOverride,
  DesiredStatus,
  KeyValuePair,
  ManagedScaling,
  NetworkBinding,
  NetworkMode,
  OSFamily,
  PlacementConstraint,
  PlacementStrategy,
  PortMapping,
  Resource,
  ResourceRequirement,
  RuntimePlatform,
  Snapshot,
  Tag,
  Task,
  TaskDefinition,
  TaskOverride,
  VersionInfo,
  Volume,
} from './kernel/ecs-types.js';
export type {
  AttributeColumns,
  AttributeColumnView,
  InstanceView,
  InstanceViewTable,
} from './kernel/instance-view.js';
export { SnapshotError, validateSnapshot } from './cluster/validate-snapshot.js';

// Capacity providers: the base/weight split and the managed-scaling estimate.
export {
  estimateScaleOut,
  type InstanceShape,
  type ManagedScalingLike,
  type ScaleOutEstimate,
  type ScaleOutInput,
  type WaitingTask,
} from './capacity/estimate-scale-out.js';
export { PROVISIONING_TASKS_PER_CLUSTER } from './capacity/provisioning-quota.js';
export {
  type CapacityProviderShare,
  splitByCapacityProvider,
} from './capacity/split-by-capacity-provider.js';

// The cluster query language.
export {
  type CompiledExpression,
  CqlError,
  type CqlErrorDetails,
  CqlSyntaxError,
  compileExpression,
  type Expression,
  type ParseResult,
  parseExpression,
  printExpression,
  validateExpression,
} from './cql/index.js';

// The explanation of a plan.
export type {
  CheckFailure,
  CheckName,
  FailingComparison,
  InstanceVerdict,
  PlacementExplanation,
  SourceSpan,
  StrategyRanking,
  StrategyStep,
  TaskTrace,
} from './placement/explanation.js';
export { whyNot } from './placement/why-not.js';

// Snapshots from AWS CLI outputs.
export {
  awsCliOutputHint,
  type ImportDocument,
  type ImportSnapshotOptions,
  type ImportSnapshotResult,
  importSnapshot,
  parseJsonDocuments,
  SnapshotImportError,
} from './snapshot/index.js';
