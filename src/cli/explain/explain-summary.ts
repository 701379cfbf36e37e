/**
 * `--explain summary`: the placement on one screen. Per task, three lines: where it went
 * (or that it was not placed), what decided it (the only feasible instance, the strategy
 * rule that left one candidate, the random tie-break, or the ECS reasons it failed), and
 * the candidate and feasible counts with how many instances failed each check.
 */
import picocolors from 'picocolors';
import type { PlacementExplanation, TaskTrace } from '../../placement/explanation.js';
import { wrapText } from '../wrap-text.js';
import { clusterOf, describeInstance } from './instance-names.js';

export interface ExplainSummaryOptions {
  color: boolean;
  /** Tasks asked for (the request's count). */
  count?: number;
  width: number;
}

export function renderExplainSummary(
  explanation: PlacementExplanation,
  options: ExplainSummaryOptions,
): string {
  const c = picocolors.createColors(options.color);
  const cluster = clusterOf(explanation);
  const lines = [
    `${c.bold('Placement summary')}: ${explanation.summary}`,
    `Seed: ${explanation.seed}${cluster === undefined ? '' : `  Cluster: ${cluster}`}`,
  ];
  const traced = explanation.tasks.length;
  const total = Math.max(options.count ?? traced, traced);
  for (const task of explanation.tasks) {
    lines.push(
      `${c.bold(`Task ${task.taskIndex + 1} of ${total}`)}: ${outcome(task, explanation, c)}`,
      `  ${decidedBy(task)}`,
      `  ${counts(task)}`,
    );
  }
  for (const estimate of explanation.scaleOut ?? []) {
    lines.push(`Scale-out estimate: ${estimate.summary}`);
  }
  if (total > traced) {
    const untried = total - traced;
    lines.push(`${untried} more task${untried === 1 ? ' was' : 's were'} not tried.`);
  }
  return `${wrapText(lines.join('\n'), options.width).join('\n')}\n`;
}

type Colors = ReturnType<typeof picocolors.createColors>;

function outcome(task: TaskTrace, explanation: PlacementExplanation, c: Colors): string {
  if (task.fargate) {
    return c.green(`Fargate, ${task.fargate.subnetId} (${task.fargate.availabilityZone})`);
  }
  if (task.provisioning) {
    return c.yellow(`waits in PROVISIONING for ${task.provisioning.capacityProvider} to scale out`);
  }
  if (!task.chosen) return c.red('not placed');
  return c.green(describeInstance(task.chosen, explanation));
}

/** What left the chosen instance as the only choice (or why there was none). */
function decidedBy(task: TaskTrace): string {
  if (task.fargate) return 'Fargate: a subnet of the request, at random';
  if (task.provisioning || !task.chosen) return task.summary;
  if (task.feasible === 1) return 'the only feasible instance';
  const decisive = task.steps.findIndex(
    (step) => step.ranking.filter((rank) => rank.kept).length === 1,
  );
  const step = task.steps[decisive];
  if (step) {
    const { type, field } = step.strategy;
    return `decided by strategy rule ${decisive + 1}, ${type ?? '?'}${field ? `(${field})` : ''}`;
  }
  const among = task.tieBreak?.among ?? task.feasible;
  return task.steps.length > 0
    ? `random tie-break among ${among} left by the strategy rules`
    : `random choice among ${among} feasible instances`;
}

function counts(task: TaskTrace): string {
  const failing = new Map<string, number>();
  for (const verdict of task.verdicts) {
    for (const failure of verdict.failures) {
      failing.set(failure.check, (failing.get(failure.check) ?? 0) + 1);
    }
  }
  const base = task.fargate
    ? 'Fargate'
    : `${task.candidates} candidates, ${task.feasible} feasible`;
  if (failing.size === 0) return `${base}; no failing checks`;
  const list = [...failing].map(([check, n]) => `${check} on ${n}`).join(', ');
  return `${base}; failing checks: ${list}`;
}
