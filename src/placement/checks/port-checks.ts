import type { InstanceState } from '../../cluster/instance-state.js';
import type { CheckFailure, CheckName } from '../explanation.js';
import { FAILURE_REASONS } from '../failure-reasons.js';
import type { TaskNeeds } from '../task-needs.js';
import type { PlacementCheck } from './placement-check.js';

type PortCheckName = Extract<CheckName, 'RESOURCE:PORTS' | 'RESOURCE:PORTS_UDP'>;

function portCheck(
  name: PortCheckName,
  protocol: 'TCP' | 'UDP',
  ports: (needs: TaskNeeds) => readonly number[],
  taken: (instance: InstanceState) => ReadonlySet<number>,
): PlacementCheck {
  const reason = FAILURE_REASONS[name];
  return {
    name,
    reason,
    passes(instance, needs) {
      const used = taken(instance);
      for (const port of ports(needs)) if (used.has(port)) return false;
      return true;
    },
    check(instance, needs): CheckFailure | undefined {
      const used = taken(instance);
      const clashes = ports(needs).filter((p) => used.has(p));
      if (clashes.length === 0) return undefined;
      return {
        check: name,
        reason,
        detail: `${protocol} host port${clashes.length > 1 ? 's' : ''} ${clashes.join(', ')} already taken`,
        takenPorts: clashes,
      };
    },
  };
}

/** Static TCP host ports (bridge/host mode) must not be in the instance's PORTS set. */
export const tcpPortCheck = portCheck(
  'RESOURCE:PORTS',
  'TCP',
  (needs) => needs.tcpPorts,
  (instance) => instance.tcpTaken,
);

/** Static UDP host ports must not be in the instance's PORTS_UDP set. */
export const udpPortCheck = portCheck(
  'RESOURCE:PORTS_UDP',
  'UDP',
  (needs) => needs.udpPorts,
  (instance) => instance.udpTaken,
);
