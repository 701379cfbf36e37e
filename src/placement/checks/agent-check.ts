import { defineCheck } from './placement-check.js';

/** Only instances whose agent is connected accept placements. */
export const agentCheck = defineCheck({
  name: 'AGENT',
  order: 10,
  memoKey: () => '',
  passes: (instance) => instance.agentConnected,
  explain: () => ({ detail: 'the container agent is disconnected' }),
});
