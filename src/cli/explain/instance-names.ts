/**
 * How the explain reports name container instances: by their id (the last part of the ARN,
 * `0123456789abcdef0123456789abcdef`), with the cluster named once at the top, so an
 * instance fits on one line of an 80-column terminal.
 */
import type { PlacementExplanation } from '../../placement/explanation.js';

/** `arn:...:container-instance/cluster/id` (or the older `.../id`) -> `id`. */
export function instanceId(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  const slash = resource.lastIndexOf('/');
  return slash >= 0 ? resource.slice(slash + 1) : arn;
}

/** The cluster of the first instance the explanation names, when its ARN tells it. */
export function clusterOf(explanation: PlacementExplanation): string | undefined {
  for (const task of explanation.tasks) {
    const arn = task.chosen ?? task.verdicts[0]?.containerInstanceArn;
    if (arn === undefined) continue;
    const parts = arn.split(':').slice(5).join(':').split('/');
    if (parts.length === 3) return parts[1];
  }
  return undefined;
}

/** `id (i-0abc...)` for the chosen instance, with its EC2 id when the explanation has it. */
export function describeInstance(arn: string, explanation: PlacementExplanation): string {
  for (const task of explanation.tasks) {
    const verdict = task.verdicts.find((v) => v.containerInstanceArn === arn);
    if (verdict?.ec2InstanceId) return `${instanceId(arn)} (${verdict.ec2InstanceId})`;
  }
  return instanceId(arn);
}
