import type { InstanceState } from '../../cluster/instance-state.js';
import type { TaskNeeds } from '../task-needs.js';
import { defineCheck } from './placement-check.js';

function portCheck(
  name: 'RESOURCE:PORTS' | 'RESOURCE:PORTS_UDP',
  order: number,
  protocol: 'TCP' | 'UDP',
  ports: (needs: TaskNeeds) => readonly number[],
  taken: (instance: InstanceState) => ReadonlySet<number>,
) {
  return defineCheck({
    name,
    order,
    appliesTo: (call) => ports(call.needs).length > 0,
    memoKey: (call) => String(ports(call.needs)),
    passes(instance, needs) {
      const used = taken(instance);
      for (const port of ports(needs)) if (used.has(port)) return false;
      return true;
    },
    explain(instance, needs) {
      const used = taken(instance);
      const clashes = ports(needs).filter((p) => used.has(p));
      return {
        detail: `${protocol} host port${clashes.length > 1 ? 's' : ''} ${clashes.join(', ')} already taken`,
        takenPorts: clashes,
      };
    },
  });
}

/** Static TCP host ports (bridge/host mode) must not be in the instance's PORTS set. */
export const tcpPortCheck = portCheck(
  'RESOURCE:PORTS',
  50,
  'TCP',
  (needs) => needs.tcpPorts,
  (instance) => instance.tcpTaken,
);

/** Static UDP host ports must not be in the instance's PORTS_UDP set. */
export const udpPortCheck = portCheck(
  'RESOURCE:PORTS_UDP',
  60,
  'UDP',
  (needs) => needs.udpPorts,
  (instance) => instance.udpTaken,
);
