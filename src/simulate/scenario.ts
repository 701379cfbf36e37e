/**
 * A simulation scenario: the steps to run on a cluster snapshot, each seed over again
 * (docs/what-if.md, "Scenario files"). `parseScenario` checks a parsed YAML or JSON value
 * and names the step and member of the first problem.
 */
import { parseRunTaskInput } from '../api/validate-run-task.js';
import type { ContainerInstance, PlacementStrategy } from '../kernel/ecs-types.js';
import { EcsServiceException } from '../kernel/errors.js';
import type { RunTaskInput } from '../kernel/run-task-types.js';

/** Repeats of one step, and steps of one scenario (repeats included): the largest accepted. */
export const MAX_REPEAT = 10_000;
export const MAX_STEP_RUNS = 100_000;

export type ScenarioStep =
  | { kind: 'run-task'; name?: string; repeat: number; request: RunTaskInput }
  | { kind: 'stop-task'; name?: string; repeat: number; group: string; count?: number }
  | {
      kind: 'drain-instance';
      name?: string;
      repeat: 1;
      containerInstance: string;
      strategy?: PlacementStrategy[];
    }
  | {
      kind: 'register-instance';
      name?: string;
      repeat: number;
      /** A copy of this instance's registration (ARN, id or EC2 id), empty, with new ids. */
      like?: string;
      availabilityZone?: string;
      /** The full instance, as in a snapshot. */
      instance?: ContainerInstance;
    }
  | {
      kind: 'put-attribute';
      name?: string;
      repeat: 1;
      containerInstance: string;
      attribute: string;
      value?: string;
    };

export type StepKind = ScenarioStep['kind'];
export const STEP_KINDS: readonly StepKind[] = [
  'run-task',
  'stop-task',
  'drain-instance',
  'register-instance',
  'put-attribute',
];

export interface Scenario {
  /** The cluster (name or ARN) every step works on; default `default`. */
  cluster?: string;
  steps: ScenarioStep[];
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks `value` (the parsed file) and returns a fresh, typed copy. */
export function parseScenario(value: unknown): Scenario {
  if (!isObject(value)) throw new ScenarioError('a scenario is an object with a `steps` list');
  for (const key of Object.keys(value)) {
    if (key !== 'cluster' && key !== 'steps') {
      throw new ScenarioError(
        `unknown member \`${key}\` (a scenario has \`cluster\` and \`steps\`)`,
      );
    }
  }
  const cluster = value['cluster'];
  if (cluster !== undefined && (typeof cluster !== 'string' || cluster === '')) {
    throw new ScenarioError('`cluster` is a cluster name or ARN');
  }
  const steps = value['steps'];
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new ScenarioError('`steps` is a non-empty list of steps');
  }
  const parsed = steps.map((step, i) => parseStep(step, i + 1));
  const runs = parsed.reduce((sum, step) => sum + step.repeat, 0);
  if (runs > MAX_STEP_RUNS) {
    throw new ScenarioError(
      `the steps run ${runs.toLocaleString('en-US')} times with their repeats; at most ${MAX_STEP_RUNS.toLocaleString('en-US')}`,
    );
  }
  return { ...(typeof cluster === 'string' ? { cluster } : {}), steps: parsed };
}

function parseStep(step: unknown, n: number): ScenarioStep {
  const where = `step ${n}`;
  if (!isObject(step)) {
    throw new ScenarioError(`${where}: a step is an object with one of ${kindList()}`);
  }
  const kinds = Object.keys(step).filter((k) => (STEP_KINDS as readonly string[]).includes(k));
  if (kinds.length !== 1) {
    const unknown = Object.keys(step).filter((k) => k !== 'name' && k !== 'repeat');
    throw new ScenarioError(
      kinds.length === 0
        ? `${where}: ${unknown.length > 0 ? `unknown step \`${unknown[0]}\`; ` : ''}a step has one of ${kindList()}`
        : `${where}: a step has one kind, not ${kinds.map((k) => `\`${k}\``).join(' and ')}`,
    );
  }
  const kind = kinds[0] as StepKind;
  const at = `${where} (${kind})`;
  for (const key of Object.keys(step)) {
    if (key !== kind && key !== 'name' && key !== 'repeat') {
      throw new ScenarioError(
        `${at}: unknown member \`${key}\` (besides \`${kind}\`, a step may have \`name\` and \`repeat\`)`,
      );
    }
  }
  const name = step['name'];
  if (name !== undefined && typeof name !== 'string')
    throw new ScenarioError(`${at}: \`name\` is text`);
  const named = typeof name === 'string' ? { name } : {};
  const repeat = step['repeat'] ?? 1;
  if (!Number.isInteger(repeat) || (repeat as number) < 1 || (repeat as number) > MAX_REPEAT) {
    throw new ScenarioError(
      `${at}: \`repeat\` is a whole number from 1 to ${MAX_REPEAT.toLocaleString('en-US')}, got ${JSON.stringify(repeat)}`,
    );
  }
  const body = step[kind];
  switch (kind) {
    case 'run-task':
      return { kind, ...named, repeat: repeat as number, request: runTaskRequest(body, at) };
    case 'stop-task': {
      const b = members(body, at, ['group', 'count'], ['group']);
      const group = text(b, 'group', at);
      const count = b['count'];
      if (count !== undefined && (!Number.isInteger(count) || (count as number) < 1)) {
        throw new ScenarioError(
          `${at}: \`count\` is a whole number of at least 1 (without it, every task of the group)`,
        );
      }
      return {
        kind,
        ...named,
        repeat: repeat as number,
        group,
        ...(count !== undefined ? { count: count as number } : {}),
      };
    }
    case 'drain-instance': {
      once(repeat, at);
      const b =
        typeof body === 'string'
          ? { containerInstance: body }
          : members(body, at, ['containerInstance', 'placementStrategy'], ['containerInstance']);
      const containerInstance = text(b, 'containerInstance', at);
      const strategy = b['placementStrategy'];
      let checked: PlacementStrategy[] | undefined;
      if (strategy !== undefined) {
        checked = runTaskRequest(
          { taskDefinition: 'x', placementStrategy: strategy },
          at,
        ).placementStrategy;
      }
      return {
        kind,
        ...named,
        repeat: 1,
        containerInstance,
        ...(checked !== undefined ? { strategy: checked } : {}),
      };
    }
    case 'register-instance': {
      const b = members(body, at, ['like', 'availabilityZone', 'instance'], []);
      if ((b['like'] === undefined) === (b['instance'] === undefined)) {
        throw new ScenarioError(
          `${at}: give either \`like\` (an instance to copy) or \`instance\` (a whole container instance)`,
        );
      }
      if (b['instance'] !== undefined && (repeat as number) > 1) {
        throw new ScenarioError(
          `${at}: a whole \`instance\` registers once (\`repeat\` needs \`like\`)`,
        );
      }
      if (b['instance'] !== undefined && !isObject(b['instance'])) {
        throw new ScenarioError(`${at}: \`instance\` is a container instance as in a snapshot`);
      }
      return {
        kind,
        ...named,
        repeat: repeat as number,
        ...(b['like'] !== undefined ? { like: text(b, 'like', at) } : {}),
        ...(b['availabilityZone'] !== undefined
          ? { availabilityZone: text(b, 'availabilityZone', at) }
          : {}),
        ...(b['instance'] !== undefined
          ? { instance: structuredClone(b['instance']) as unknown as ContainerInstance }
          : {}),
      };
    }
    case 'put-attribute': {
      once(repeat, at);
      const b = members(
        body,
        at,
        ['containerInstance', 'name', 'value'],
        ['containerInstance', 'name'],
      );
      return {
        kind,
        ...named,
        repeat: 1,
        containerInstance: text(b, 'containerInstance', at),
        attribute: text(b, 'name', at),
        ...(b['value'] !== undefined ? { value: text(b, 'value', at) } : {}),
      };
    }
  }
}

function runTaskRequest(body: unknown, at: string): RunTaskInput {
  try {
    const request = parseRunTaskInput(body);
    if (request.clientToken !== undefined) {
      throw new ScenarioError(
        `${at}: a \`clientToken\` would make every repeat a replay; leave it out`,
      );
    }
    if (request.cluster !== undefined) {
      throw new ScenarioError(
        `${at}: the scenario's \`cluster\` names the cluster of every step; leave \`cluster\` out of the request`,
      );
    }
    return request;
  } catch (error) {
    if (error instanceof EcsServiceException) throw new ScenarioError(`${at}: ${error.message}`);
    throw error;
  }
}

function members(
  body: unknown,
  at: string,
  known: readonly string[],
  required: readonly string[],
): Json {
  if (!isObject(body))
    throw new ScenarioError(
      `${at}: expected an object with ${known.map((k) => `\`${k}\``).join(', ')}`,
    );
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) {
      throw new ScenarioError(
        `${at}: unknown member \`${key}\` (known: ${known.map((k) => `\`${k}\``).join(', ')})`,
      );
    }
  }
  for (const key of required) {
    if (body[key] === undefined) throw new ScenarioError(`${at}: \`${key}\` is required`);
  }
  return body;
}

function text(body: Json, key: string, at: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '')
    throw new ScenarioError(`${at}: \`${key}\` is non-empty text`);
  return value;
}

function once(repeat: unknown, at: string): void {
  if (repeat !== 1) throw new ScenarioError(`${at}: this step cannot repeat`);
}

function kindList(): string {
  return STEP_KINDS.map((k) => `\`${k}\``).join(', ');
}
