import { FAILURE_REASONS } from '../failure-reasons.js';
import type { PlacementCheck } from './placement-check.js';

/** Only instances whose agent is connected accept placements. */
export const agentCheck: PlacementCheck = {
  name: 'AGENT',
  reason: FAILURE_REASONS.AGENT,
  passes: (instance) => instance.agentConnected,
  check: (instance) =>
    instance.agentConnected
      ? undefined
      : {
          check: 'AGENT',
          reason: FAILURE_REASONS.AGENT,
          detail: 'the container agent is disconnected',
        },
};
