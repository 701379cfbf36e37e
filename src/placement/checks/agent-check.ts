import { defineCheck } from './placement-check.js';

/** Only instances whose agent is connected accept placements. */
export const agentCheck = defineCheck({
  name: 'AGENT',
  order: 10,
  memoKey: () => '',
  passes: (instance) => instance.agentConnected,
  filter(model, rows, count) {
    const connected = model.instanceColumns.agentConnected;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      if (connected[row] === 1) rows[kept++] = row;
    }
    return kept;
  },
  explain: () => ({ detail: 'the container agent is disconnected' }),
});
