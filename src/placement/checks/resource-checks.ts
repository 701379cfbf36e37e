import type { InstanceState } from '../../cluster/instance-state.js';
import type { CheckName } from '../explanation.js';
import { FAILURE_REASONS } from '../failure-reasons.js';
import type { TaskNeeds } from '../task-needs.js';
import type { PlacementCheck } from './placement-check.js';

type AmountCheckName = Extract<CheckName, 'RESOURCE:CPU' | 'RESOURCE:MEMORY' | 'RESOURCE:GPU'>;

/** A counted resource: the task's amount must fit in what the instance has left. */
function amountCheck(
  name: AmountCheckName,
  needed: (needs: TaskNeeds) => number,
  available: (instance: InstanceState) => number,
  /** The needed amount with its unit, for the detail ("512 MiB of memory"). */
  amount: (needed: number) => string,
): PlacementCheck {
  const reason = FAILURE_REASONS[name];
  return {
    name,
    reason,
    passes: (instance, needs) => needed(needs) <= available(instance),
    check(instance, needs) {
      const need = needed(needs);
      const free = available(instance);
      if (need <= free) return undefined;
      return {
        check: name,
        reason,
        detail: `needs ${amount(need)}, ${free} free`,
        needed: need,
        available: free,
      };
    },
  };
}

/** CPU units: the task's reservation must fit in what the instance has left. */
export const cpuCheck = amountCheck(
  'RESOURCE:CPU',
  (needs) => needs.cpu,
  (instance) => instance.cpu,
  (n) => `${n} CPU units`,
);

/** Memory in MiB: the task's reservation must fit in what the instance has left. */
export const memoryCheck = amountCheck(
  'RESOURCE:MEMORY',
  (needs) => needs.memory,
  (instance) => instance.memory,
  (n) => `${n} MiB of memory`,
);

/** GPUs: enough free GPU ids for every container's GPU requirement together. */
export const gpuCheck = amountCheck(
  'RESOURCE:GPU',
  (needs) => needs.gpus,
  (instance) => instance.freeGpus.length,
  (n) => `${n} GPU${n > 1 ? 's' : ''}`,
);
