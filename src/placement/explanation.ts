/**
 * The explanation trace of a placement: every failing check of every instance, each
 * strategy rule's ranking, the tie-break and the seed. Plain data (JSON-serialisable).
 */
import type { FailingComparison } from '../cql/failing-comparison.js';
import type { ScaleOutEstimate } from '../capacity/estimate-scale-out.js';
import type { PlacementStrategy } from '../kernel/ecs-types.js';
import type { BuiltInCheckName } from './checks/registry.js';

/**
 * A check's name: one of the checks ECS makes ('AGENT', 'ATTRIBUTE', 'RESOURCE:CPU',
 * 'RESOURCE:MEMORY', 'RESOURCE:PORTS', 'RESOURCE:PORTS_UDP', 'RESOURCE:ENI', 'RESOURCE:GPU',
 * 'LOCATION', 'MemberOf', 'DistinctInstance', in that order; the list is the check registry,
 * src/placement/checks/registry.ts), or the name of a check registered besides them.
 */
export type CheckName = BuiltInCheckName | (string & {});

export type { FailingComparison, SourceSpan } from '../cql/failing-comparison.js';

export interface CheckFailure {
  check: CheckName;
  /** The ECS failure reason string, e.g. `RESOURCE:MEMORY`. */
  reason: string;
  /** A human sentence: "needs 512 MiB of memory, 256 free". */
  detail: string;
  /** Resource checks: amount needed and amount available. */
  needed?: number;
  available?: number;
  /** ATTRIBUTE: the required attribute names the instance lacks. */
  missingAttributes?: string[];
  /** PORTS / PORTS_UDP: the static host ports already taken. */
  takenPorts?: number[];
  /** LOCATION: the Availability Zones of the request's subnets. */
  zones?: string[];
  /** MemberOf: the failing constraint and the comparisons that made it fail. */
  expression?: string;
  failing?: FailingComparison[];
  /** DistinctInstance: the group already on the instance. */
  group?: string;
}

export interface InstanceVerdict {
  containerInstanceArn: string;
  ec2InstanceId?: string;
  /** Every failing check, in check order; empty when the instance is feasible. */
  failures: CheckFailure[];
  /** What a passing check could not verify, e.g. an unknown ENI limit. */
  notes?: string[];
}

export interface StrategyRanking {
  containerInstanceArn: string;
  /** The value the rule ranked on: remaining cpu/memory, spread bucket and its count. */
  key: string;
  score: number;
  kept: boolean;
}

export interface StrategyStep {
  strategy: PlacementStrategy;
  /** Candidates entering this rule, with their scores; `kept` marks the survivors. */
  ranking: StrategyRanking[];
}

export interface TaskTrace {
  /** 0-based index of the task within the call. */
  taskIndex: number;
  capacityProvider?: string;
  candidates: number;
  feasible: number;
  verdicts: InstanceVerdict[];
  steps: StrategyStep[];
  /** The uniform random choice among the candidates left after every rule. */
  tieBreak?: { among: number; chosen: number };
  chosen?: string;
  /** A Fargate task: no instance; the subnet and zone it was given. */
  fargate?: { subnetId: string; availabilityZone: string };
  /**
   * A task of a managed-scaling share that no instance can take now: returned in
   * PROVISIONING to wait for the Auto Scaling group to grow. `fitsLike` names an instance
   * of the group whose empty copy could host it (absent when the group has no instance).
   */
  provisioning?: { capacityProvider: string; fitsLike?: string };
  /** "0/12 instances: 7 MemberOf (`...`), 3 RESOURCE:MEMORY, 2 DistinctInstance" */
  summary: string;
}

export interface PlacementExplanation {
  seed: string;
  tasks: TaskTrace[];
  summary: string;
  /** Per capacity provider with tasks waiting in PROVISIONING: what managed scaling would launch. */
  scaleOut?: ScaleOutEstimate[];
}
