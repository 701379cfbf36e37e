import type { CheckFailure, PlacementExplanation } from './explanation.js';

function refersTo(arn: string, ec2InstanceId: string | undefined, ref: string): boolean {
  return arn === ref || arn.slice(arn.lastIndexOf('/') + 1) === ref || ec2InstanceId === ref;
}

/**
 * Why an instance (ARN, container instance id or EC2 instance id) did not get a task: every
 * failing check at the latest decision that considered it. An empty list means it was
 * feasible and the strategies or the tie-break chose another; `undefined` means it was never
 * a candidate (not ACTIVE, or outside the target's scope).
 */
export function whyNot(
  from: PlacementExplanation | { explanation: PlacementExplanation },
  instance: string,
): CheckFailure[] | undefined {
  const explanation = 'explanation' in from ? from.explanation : from;
  for (let t = explanation.tasks.length - 1; t >= 0; t--) {
    const verdict = explanation.tasks[t]!.verdicts.find((v) =>
      refersTo(v.containerInstanceArn, v.ec2InstanceId, instance),
    );
    if (verdict) return verdict.failures;
  }
  return undefined;
}
