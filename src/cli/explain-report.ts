/**
 * `--explain` (`full`): the placement explanation as a report for people. It shows why each
 * instance was rejected (every failing check, not only the first one ECS reports), how
 * each strategy rule ranked the survivors, the random tie-break and the chosen instance.
 * Instances are named by their id (the cluster once, at the top) and a memberOf expression
 * is shown once per task, above the table, so that at 80 columns identifiers stay whole.
 */
import picocolors from 'picocolors';
import type {
  CheckFailure,
  InstanceVerdict,
  PlacementExplanation,
  StrategyStep,
  TaskTrace,
} from '../placement/explanation.js';
import { clusterOf, describeInstance, instanceId } from './explain/instance-names.js';
import { renderFittedTable } from './fit-table.js';
import { DEFAULT_REPORT_WIDTH } from './report-width.js';
import { wrapText } from './wrap-text.js';

export interface ExplainReportOptions {
  color: boolean;
  /** Rows shown per table before "... N more". */
  maxRows?: number;
  /** Tasks asked for (the request's count); more than the traces when placement stopped. */
  count?: number;
  /** Columns the report may use (default 120); long lines and table cells are wrapped. */
  width?: number;
}

type Colors = ReturnType<typeof picocolors.createColors>;

const DEFAULT_MAX_ROWS = 20;
/** Tables are indented by this much under their heading. */
const TABLE_INDENT = 2;

export function renderExplainReport(
  explanation: PlacementExplanation,
  options: ExplainReportOptions,
): string {
  const c = picocolors.createColors(options.color);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const width = options.width ?? DEFAULT_REPORT_WIDTH;
  const lines: string[] = [
    c.bold('Placement explanation'),
    `Summary: ${explanation.summary}`,
    `Seed: ${explanation.seed}  (rerun with --seed ${quoteForShell(explanation.seed)} to reproduce)`,
  ];
  const cluster = clusterOf(explanation);
  if (cluster !== undefined) lines.push(`Cluster: ${cluster}`);
  const traced = explanation.tasks.length;
  const total = Math.max(options.count ?? traced, traced);
  for (const task of explanation.tasks) {
    lines.push('', ...renderTask(task, total, c, maxRows, width - TABLE_INDENT, explanation));
  }
  for (const estimate of explanation.scaleOut ?? []) {
    lines.push('', c.bold(`Scale-out estimate, capacity provider ${estimate.capacityProvider}`));
    lines.push(`  ${estimate.summary}`);
  }
  if (total > traced) {
    const untried = total - traced;
    lines.push(
      '',
      `${untried} more task${untried === 1 ? ' was' : 's were'} not tried: placement stops at the first task that cannot be placed.`,
    );
  }
  // Tables are already as wide as allowed; wrapping again only reaches the prose lines.
  return `${wrapText(lines.join('\n'), width).join('\n')}\n`;
}

function renderTask(
  task: TaskTrace,
  total: number,
  c: Colors,
  maxRows: number,
  tableWidth: number,
  explanation: PlacementExplanation,
): string[] {
  const provider = task.capacityProvider ? `, capacity provider ${task.capacityProvider}` : '';
  const lines = [c.bold(`Task ${task.taskIndex + 1} of ${total}${provider}`), `  ${task.summary}`];
  if (!task.fargate) lines.push(`  Candidates: ${task.candidates}, feasible: ${task.feasible}`);
  if (task.verdicts.length > 0) {
    const expressions = memberOfExpressions(task.verdicts);
    lines.push('');
    expressions.forEach((expression, i) => {
      const label =
        expressions.length === 1 ? 'memberOf expression' : `memberOf expression ${i + 1}`;
      lines.push(`  ${label}: ${expression}`);
    });
    lines.push(
      '  Instances and their failing checks:',
      indent(renderVerdicts(task.verdicts, c, maxRows, tableWidth, expressions)),
    );
  }
  task.steps.forEach((step, i) => {
    lines.push(
      '',
      `  Strategy rule ${i + 1}: ${describeStrategy(step)}`,
      indent(renderStep(step, c, maxRows, tableWidth)),
    );
  });
  if (task.tieBreak) {
    lines.push(
      '',
      `  Tie-break: uniform random choice among ${task.tieBreak.among} remaining candidate(s), took #${task.tieBreak.chosen + 1}`,
    );
  }
  if (task.fargate) {
    lines.push(
      `  Placed on Fargate: ${c.green(`${task.fargate.subnetId} (${task.fargate.availabilityZone})`)}`,
    );
  } else if (task.provisioning) {
    lines.push(
      `  Chosen: ${c.yellow(`none yet, waits in PROVISIONING for ${task.provisioning.capacityProvider} to scale out`)}`,
    );
  } else {
    lines.push(
      task.chosen
        ? `  Chosen: ${c.green(describeInstance(task.chosen, explanation))}`
        : `  Chosen: ${c.red('none, the task could not be placed')}`,
    );
  }
  return lines;
}

/** The distinct memberOf expressions that failed on some instance, in order of appearance. */
function memberOfExpressions(verdicts: readonly InstanceVerdict[]): string[] {
  const seen = new Set<string>();
  for (const verdict of verdicts) {
    for (const failure of verdict.failures) {
      if (failure.expression !== undefined) seen.add(failure.expression);
    }
  }
  return [...seen];
}

function renderVerdicts(
  verdicts: InstanceVerdict[],
  c: Colors,
  maxRows: number,
  width: number,
  expressions: readonly string[],
): string {
  const rows: string[][] = [];
  for (const verdict of verdicts.slice(0, maxRows)) {
    const failing =
      verdict.failures.length === 0
        ? c.green('none (feasible)')
        : verdict.failures.map((failure) => describeFailure(failure, c, expressions)).join('\n');
    const notes = (verdict.notes ?? []).map((note) => c.dim(`note: ${note}`));
    const checks = [failing, ...notes].join('\n');
    // The EC2 instance id under the container instance id keeps the table at two columns.
    const names = [instanceId(verdict.containerInstanceArn), verdict.ec2InstanceId ?? '-'];
    rows.push([names.join('\n'), checks]);
  }
  const table = renderFittedTable(['Instance', 'Failing checks'], rows, width, [1]);
  return appendMore(table, verdicts.length - maxRows, 'instance', c);
}

/**
 * All the facts of one failing check, one per line. A memberOf expression is shown above
 * the table; a failure refers to it by number when the task has several.
 */
export function describeFailure(
  failure: CheckFailure,
  c: Colors,
  expressions: readonly string[] = [],
): string {
  // A memberOf failure lists its failing comparisons below, which say more than the detail.
  const which =
    failure.expression !== undefined && expressions.length > 1
      ? ` (expression ${expressions.indexOf(failure.expression) + 1})`
      : '';
  const lines = [
    failure.failing?.length
      ? `${c.red(failure.reason)}${which}`
      : `${c.red(failure.reason)}${which}: ${failure.detail}`,
  ];
  if (failure.needed !== undefined && failure.available !== undefined) {
    const short = failure.needed - failure.available;
    lines.push(
      `  needed ${failure.needed}, available ${failure.available}${short > 0 ? `, short by ${short}` : ''}`,
    );
  }
  if (failure.missingAttributes?.length) {
    lines.push(`  missing attributes: ${failure.missingAttributes.join(', ')}`);
  }
  if (failure.takenPorts?.length)
    lines.push(`  ports already taken: ${failure.takenPorts.join(', ')}`);
  if (failure.expression !== undefined && !expressions.includes(failure.expression)) {
    lines.push(`  expression: ${failure.expression}`);
  }
  for (const comparison of failure.failing ?? []) {
    const observed =
      comparison.observed === null ? 'no value' : JSON.stringify(comparison.observed);
    lines.push(
      `  failing: ${comparison.text} (columns ${comparison.span.start + 1}-${comparison.span.end}), observed ${observed}`,
    );
  }
  if (failure.group !== undefined) lines.push(`  group already on the instance: ${failure.group}`);
  return lines.join('\n');
}

function describeStrategy(step: StrategyStep): string {
  const { type, field } = step.strategy;
  return field ? `${type ?? '?'}(${field})` : (type ?? '?');
}

function renderStep(step: StrategyStep, c: Colors, maxRows: number, width: number): string {
  // Survivors first, so truncation never hides what the rule kept.
  const rows = [...step.ranking].sort((a, b) => Number(b.kept) - Number(a.kept));
  const cells = rows
    .slice(0, maxRows)
    .map((rank) => [
      instanceId(rank.containerInstanceArn),
      rank.key,
      String(rank.score),
      rank.kept ? c.green('yes') : c.dim('no'),
    ]);
  const table = renderFittedTable(['Instance', 'Ranked on', 'Score', 'Kept'], cells, width, [1]);
  return appendMore(table, rows.length - maxRows, 'candidate', c);
}

function appendMore(rendered: string, hidden: number, noun: string, c: Colors): string {
  return hidden > 0
    ? `${rendered}\n${c.dim(`... ${hidden} more ${noun}${hidden === 1 ? '' : 's'}`)}`
    : rendered;
}

function indent(block: string): string {
  return block
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

function quoteForShell(text: string): string {
  return /^[\w.:/-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
