import type { InstanceState } from '../../cluster/instance-state.js';
import { type CheckCall, defineCheck } from './placement-check.js';

/**
 * The instances hosting the call's group, as stamps in an array indexed by instance (kept in
 * the cluster's placement workspace between calls): marking them costs one pass over the
 * group's hosts per call, and a check one array read.
 */
export class GroupHosts {
  private hosting = new Uint32Array(1024);
  private stamp = 0;

  /** Starts a call: nothing is marked. */
  begin(instances: number): void {
    if (this.hosting.length < instances) {
      this.hosting = new Uint32Array(Math.max(instances, this.hosting.length * 2));
      this.stamp = 0;
    }
    this.stamp++;
  }

  mark(instance: InstanceState): void {
    this.hosting[instance.index] = this.stamp;
  }

  /** An instance outside the model (an empty copy for managed scaling) hosts nothing. */
  hosts(instance: InstanceState): boolean {
    return this.hostsAt(instance.index);
  }

  /** `hosts` by instance index: the engine's candidate pass knows the index already. */
  hostsAt(index: number): boolean {
    return index >= 0 && this.hosting[index] === this.stamp;
  }
}

function groupHosts(call: CheckCall): GroupHosts {
  const hosts = call.workspace.stateOf(distinctInstanceCheck, () => new GroupHosts());
  hosts.begin(call.model.instances.length);
  for (const host of call.model.activeHostsOf(call.group)?.keys() ?? []) hosts.mark(host);
  return hosts;
}

/**
 * distinctInstance: no task of the same group whose desiredStatus is not STOPPED may be on
 * the instance (tasks placed earlier in the same call included). It depends on the group's
 * tasks, not only on the instance, so it is made on every call (no memoKey).
 */
export const distinctInstanceCheck = defineCheck<GroupHosts>({
  name: 'DistinctInstance',
  reason: 'DistinctInstance placement constraint unsatisfied.',
  order: 110,
  appliesTo: (call) => call.constraints.distinctInstance,
  prepare: groupHosts,
  passes: (instance, _needs, _ctx, hosts) => !hosts.hosts(instance),
  explain: (instance, _needs, ctx) => ({
    detail: `already hosts ${instance.activeGroups.get(ctx.group)} task(s) of group ${ctx.group}`,
    group: ctx.group,
  }),
  placed: (instance, hosts) => hosts.mark(instance),
});
