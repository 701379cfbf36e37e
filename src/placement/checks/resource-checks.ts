import { FAILURE_REASONS } from '../failure-reasons.js';
import type { PlacementCheck } from './placement-check.js';

/** CPU units: the task's reservation must fit in what the instance has left. */
export const cpuCheck: PlacementCheck = {
  name: 'RESOURCE:CPU',
  reason: FAILURE_REASONS['RESOURCE:CPU'],
  passes: (instance, needs) => needs.cpu <= instance.cpu,
  check: (instance, needs) =>
    needs.cpu <= instance.cpu
      ? undefined
      : {
          check: 'RESOURCE:CPU',
          reason: FAILURE_REASONS['RESOURCE:CPU'],
          detail: `needs ${needs.cpu} CPU units, ${instance.cpu} free`,
          needed: needs.cpu,
          available: instance.cpu,
        },
};

/** Memory in MiB: the task's reservation must fit in what the instance has left. */
export const memoryCheck: PlacementCheck = {
  name: 'RESOURCE:MEMORY',
  reason: FAILURE_REASONS['RESOURCE:MEMORY'],
  passes: (instance, needs) => needs.memory <= instance.memory,
  check: (instance, needs) =>
    needs.memory <= instance.memory
      ? undefined
      : {
          check: 'RESOURCE:MEMORY',
          reason: FAILURE_REASONS['RESOURCE:MEMORY'],
          detail: `needs ${needs.memory} MiB of memory, ${instance.memory} free`,
          needed: needs.memory,
          available: instance.memory,
        },
};

/** GPUs: enough free GPU ids for every container's GPU requirement together. */
export const gpuCheck: PlacementCheck = {
  name: 'RESOURCE:GPU',
  reason: FAILURE_REASONS['RESOURCE:GPU'],
  passes: (instance, needs) => needs.gpus <= instance.freeGpus.length,
  check: (instance, needs) =>
    needs.gpus <= instance.freeGpus.length
      ? undefined
      : {
          check: 'RESOURCE:GPU',
          reason: FAILURE_REASONS['RESOURCE:GPU'],
          detail: `needs ${needs.gpus} GPU${needs.gpus > 1 ? 's' : ''}, ${instance.freeGpus.length} free`,
          needed: needs.gpus,
          available: instance.freeGpus.length,
        },
};
