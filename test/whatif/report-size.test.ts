/**
 * The report's size budget (docs/what-if.md, "HTML reports"): at most 2 MB for a run-task
 * of 10 tasks on 5,000 instances, and for a headroom answer on them.
 */
import { describe, expect, it } from 'vitest';
import { benchSnapshot } from '../../bench/bench-snapshot.js';
import { referenceRequest } from '../../bench/reference-request.js';
import { headroomReport, runTaskReport } from '../../src/cli/report/report-data.js';
import { renderReport } from '../../src/cli/report/render-report.js';
import { Cluster } from '../../src/index.js';

const REPORT_BUDGET_BYTES = 2_000_000;

describe('HTML report size', () => {
  const cluster = Cluster.fromSnapshot(benchSnapshot(5000));
  const request = referenceRequest();

  it('run-task, 10 tasks on 5,000 instances: under the budget, every instance drawn', () => {
    const before = cluster.instanceUsage();
    const { explanation, ...response } = cluster.planRunTask(request, { now: 0 });
    const after = cluster.whatIf((c) => {
      c.runTask(request, { now: 0 });
      return c.instanceUsage();
    });
    const data = runTaskReport(before, after, response, explanation, JSON.stringify(request));
    expect(data.instances).toHaveLength(5000);
    expect(data.instances.filter((row) => row[10] > 0)).toHaveLength(10);
    // Each rule's ranking is cut to its best 10 candidates.
    for (const task of data.rankings)
      for (const step of task.steps) expect(step.rows.length).toBeLessThanOrEqual(10);
    const bytes = Buffer.byteLength(renderReport(data));
    expect(bytes).toBeLessThan(REPORT_BUDGET_BYTES);
  });

  it('headroom on 5,000 instances: under the budget', () => {
    const { count: _count, ...one } = request;
    const before = cluster.instanceUsage();
    const result = cluster.headroom(one, { now: 0, explain: true });
    const bytes = Buffer.byteLength(
      renderReport(headroomReport(before, result, JSON.stringify(one))),
    );
    expect(bytes).toBeLessThan(REPORT_BUDGET_BYTES);
  });
});
