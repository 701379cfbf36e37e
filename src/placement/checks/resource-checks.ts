import type { InstanceColumns, InstanceState } from '../../cluster/instance-state.js';
import type { TaskNeeds } from '../task-needs.js';
import { defineCheck } from './placement-check.js';

/** A counted resource: the task's amount must fit in what the instance has left. */
function amountCheck(
  name: 'RESOURCE:CPU' | 'RESOURCE:MEMORY' | 'RESOURCE:GPU',
  order: number,
  needed: (needs: TaskNeeds) => number,
  available: (instance: InstanceState) => number,
  /** The needed amount with its unit, for the detail ("512 MiB of memory"). */
  amount: (needed: number) => string,
  /** The model's column of `available`, when it has one. */
  column?: (columns: InstanceColumns) => Float64Array,
) {
  return defineCheck({
    name,
    order,
    // A zero reservation always fits.
    appliesTo: (call) => needed(call.needs) > 0,
    memoKey: (call) => String(needed(call.needs)),
    passes: (instance, needs) => needed(needs) <= available(instance),
    ...(column && {
      filter(model, rows, count, needs) {
        const need = needed(needs);
        const left = column(model.instanceColumns);
        let kept = 0;
        for (let i = 0; i < count; i++) {
          const row = rows[i]!;
          if (need <= left[row]!) rows[kept++] = row;
        }
        return kept;
      },
    }),
    explain(instance, needs) {
      const need = needed(needs);
      const free = available(instance);
      return { detail: `needs ${amount(need)}, ${free} free`, needed: need, available: free };
    },
  });
}

/** CPU units: the task's reservation must fit in what the instance has left. */
export const cpuCheck = amountCheck(
  'RESOURCE:CPU',
  30,
  (needs) => needs.cpu,
  (instance) => instance.cpu,
  (n) => `${n} CPU units`,
  (columns) => columns.cpu,
);

/** Memory in MiB: the task's reservation must fit in what the instance has left. */
export const memoryCheck = amountCheck(
  'RESOURCE:MEMORY',
  40,
  (needs) => needs.memory,
  (instance) => instance.memory,
  (n) => `${n} MiB of memory`,
  (columns) => columns.memory,
);

/** GPUs: enough free GPU ids for every container's GPU requirement together. */
export const gpuCheck = amountCheck(
  'RESOURCE:GPU',
  80,
  (needs) => needs.gpus,
  (instance) => instance.freeGpus.length,
  (n) => `${n} GPU${n > 1 ? 's' : ''}`,
);
