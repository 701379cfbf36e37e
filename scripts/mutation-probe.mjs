#!/usr/bin/env node
// Mutation probe (not run by CI): does the test suite notice a realistic one-line bug?
//
//   node scripts/mutation-probe.mjs [--only ID[,ID...]] [--tests PATH[,PATH...]]
//                                   [--list | --check] [--no-baseline]
//
// Copies the repository to a temporary directory (sharing node_modules), then for each
// mutation below replaces `find` by `replace` in `file` (the text must occur exactly once),
// runs the tests listed for it with CI=true (pinned property seeds, so a result replays), and
// restores the file. A mutation is KILLED when a test fails, SURVIVED when every test passes,
// and N/A when its text is no longer in the file (the code moved: update the entry). Only
// tests that run the TypeScript sources in-process are listed: tests that spawn the built
// command would run dist/, which the probe does not rebuild. `--check` only tells which
// entries no longer apply to the current sources; `--tests` runs the given tests instead of
// each mutation's own list (to see which test kills what).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const PLACEMENT = [
  'test/placement',
  'test/model',
  'test/testing',
  'test/api/cluster-facade.test.ts',
];
const API = ['test/api'];
const CQL = ['test/cql'];
const CAPACITY = ['test/capacity', 'test/api/managed-scaling.test.ts'];
const CLUSTER = ['test/cluster', ...PLACEMENT];

/** @type {{ id: string, file: string, find: string, replace: string, tests: string[] }[]} */
export const MUTATIONS = [
  // Checks
  {
    id: 'cpu-fits-strictly',
    file: 'src/placement/checks/resource-checks.ts',
    find: 'passes: (instance, needs) => needed(needs) <= available(instance),',
    replace: 'passes: (instance, needs) => needed(needs) < available(instance),',
    tests: PLACEMENT,
  },
  {
    id: 'explain-fits-strictly',
    file: 'src/placement/checks/resource-checks.ts',
    find: 'if (need <= free) return undefined;',
    replace: 'if (need < free) return undefined;',
    tests: PLACEMENT,
  },
  {
    id: 'agent-ignored',
    file: 'src/placement/checks/agent-check.ts',
    find: 'passes: (instance) => instance.agentConnected,',
    replace: 'passes: () => true,',
    tests: PLACEMENT,
  },
  {
    id: 'required-name-only-missing',
    file: 'src/placement/checks/attribute-check.ts',
    find: 'if (value === undefined) return false;',
    replace: 'if (value == null) return false;',
    tests: PLACEMENT,
  },
  {
    id: 'required-value-ignored-in-column',
    file: 'src/placement/checks/attribute-check.ts',
    find: 'return required.value === undefined || required.value === column.values[column.ids[index]!];',
    replace: 'return true;',
    tests: PLACEMENT,
  },
  {
    id: 'first-port-unchecked',
    file: 'src/placement/checks/port-checks.ts',
    find: 'for (const port of ports(needs)) if (used.has(port)) return false;',
    replace: 'for (const port of ports(needs).slice(1)) if (used.has(port)) return false;',
    tests: PLACEMENT,
  },
  {
    // The explanation (not the decision) forgets PENDING-desired tasks of the group.
    id: 'distinct-explain-running-only',
    file: 'src/placement/checks/distinct-instance-check.ts',
    find: 'instance.activeGroups.has(ctx.group)\n      ? {',
    replace: 'instance.view.taskGroups.has(ctx.group)\n      ? {',
    tests: PLACEMENT,
  },
  {
    id: 'distinct-fast-path-off',
    file: 'src/placement/place-tasks.ts',
    find: 'if (verdict === FEASIBLE && distinct && hosting[instance.index] === stamp) verdict = distinctAt;',
    replace:
      'if (verdict === FEASIBLE && distinct && hosting[instance.index] === stamp + 1) verdict = distinctAt;',
    tests: PLACEMENT,
  },
  {
    id: 'distinct-hosts-running-only',
    file: 'src/placement/place-tasks.ts',
    find: 'for (const host of model.activeHostsOf(call.group)?.keys() ?? []) hosting[host.index] = stamp;',
    replace:
      'for (const host of model.groupHostsOf(call.group)?.keys() ?? []) hosting[host.index] = stamp;',
    tests: PLACEMENT,
  },
  {
    id: 'eni-one-too-many',
    file: 'src/placement/checks/eni-check.ts',
    find: 'return limit === undefined || instance.eniTasks < limit;',
    replace: 'return limit === undefined || instance.eniTasks <= limit;',
    tests: PLACEMENT,
  },
  {
    id: 'location-zone-unknown-passes',
    file: 'src/placement/checks/location-check.ts',
    find: 'return needs.zones === undefined || (zone != null && needs.zones.has(zone));',
    replace: 'return needs.zones === undefined || zone == null || needs.zones.has(zone);',
    tests: PLACEMENT,
  },
  // Task needs
  {
    id: 'memory-before-reservation',
    file: 'src/placement/task-needs.ts',
    find: 'memory += container.memoryReservation ?? container.memory ?? 0;',
    replace: 'memory += container.memory ?? container.memoryReservation ?? 0;',
    tests: PLACEMENT,
  },
  {
    id: 'task-cpu-ignored',
    file: 'src/placement/task-needs.ts',
    find: 'cpu: taskCpu ?? cpu,',
    replace: 'cpu: cpu || (taskCpu ?? 0),',
    tests: PLACEMENT,
  },
  {
    id: 'host-mode-dynamic-ports',
    file: 'src/placement/task-needs.ts',
    find: "const hostPort = mode === 'host' ? mapping.hostPort || containerPort : mapping.hostPort;",
    replace: 'const hostPort = mapping.hostPort;',
    tests: PLACEMENT,
  },
  {
    id: 'awsvpc-takes-ports',
    file: 'src/placement/task-needs.ts',
    find: "if (mode !== 'bridge' && mode !== 'host') return [];",
    replace: "if (mode === 'none') return [];",
    tests: PLACEMENT,
  },
  {
    id: 'default-mode-awsvpc',
    file: 'src/placement/task-needs.ts',
    find: "const networkMode = definition.networkMode ?? 'bridge';",
    replace: "const networkMode = definition.networkMode ?? 'awsvpc';",
    tests: PLACEMENT,
  },
  {
    id: 'gpu-override-ignored',
    file: 'src/placement/task-needs.ts',
    find: 'gpus: gpuCount(override?.resourceRequirements ?? definition.resourceRequirements),',
    replace: 'gpus: gpuCount(definition.resourceRequirements),',
    tests: PLACEMENT,
  },
  {
    id: 'cpu-override-ignored',
    file: 'src/placement/task-needs.ts',
    find: 'cpu: override?.cpu ?? definition.cpu,',
    replace: 'cpu: definition.cpu ?? override?.cpu,',
    tests: PLACEMENT,
  },
  {
    id: 'vcpu-is-1000',
    file: 'src/cluster/cpu-memory-units.ts',
    find: 'return wholeAmount(amount * 1024);',
    replace: 'return wholeAmount(amount * 1000);',
    tests: [...PLACEMENT, 'test/cluster/cpu-memory-units.test.ts', 'test/capacity'],
  },
  // Strategies and selection
  {
    id: 'binpack-cpu-reversed',
    file: 'src/placement/rank-rules.ts',
    find: 'key: (i) => i.cpu,',
    replace: 'key: (i) => -i.cpu,',
    tests: PLACEMENT,
  },
  {
    id: 'spread-instance-counts-pending',
    file: 'src/placement/rank-rules.ts',
    find: 'key: (i) => i.view.taskGroups.get(group) ?? 0,',
    replace: 'key: (i) => i.activeGroups.get(group) ?? 0,',
    tests: PLACEMENT,
  },
  {
    id: 'spread-attribute-counts-draining',
    file: 'src/placement/rank-rules.ts',
    find: "if (host.status === 'ACTIVE') load[column.ids[host.index]!]! += tasks;",
    replace: 'load[column.ids[host.index]!]! += tasks;',
    tests: PLACEMENT,
  },
  {
    id: 'spread-attribute-counts-pending',
    file: 'src/placement/rank-rules.ts',
    find: 'for (const [host, tasks] of model.groupHostsOf(group) ?? []) {',
    replace: 'for (const [host, tasks] of model.activeHostsOf(group) ?? []) {',
    tests: PLACEMENT,
  },
  {
    id: 'random-does-not-end-ranking',
    file: 'src/placement/rank-rules.ts',
    find: "if (strategy.type === 'random' || strategy.type === undefined) break;",
    replace: "if (strategy.type === 'random' || strategy.type === undefined) continue;",
    tests: PLACEMENT,
  },
  {
    id: 'name-only-own-bucket',
    file: 'src/cluster/attribute-column.ts',
    find: 'if (value === undefined || value === null) continue;',
    replace: 'if (value === undefined) continue;',
    tests: PLACEMENT,
  },
  {
    id: 'ties-keep-last',
    file: 'src/placement/select-best.ts',
    find: 'if (key < current) {',
    replace: 'if (key <= current) {',
    tests: PLACEMENT,
  },
  {
    id: 'tie-break-reversed',
    file: 'src/placement/place-tasks.ts',
    find: 'const pick = Math.floor(call.random() * tied);',
    replace: 'const pick = tied - 1 - Math.floor(call.random() * tied);',
    tests: PLACEMENT,
  },
  {
    id: 'gpu-offset-not-advanced',
    file: 'src/placement/place-tasks.ts',
    find: 'next += container.gpus;',
    replace: 'next += 0;',
    tests: PLACEMENT,
  },
  {
    id: 'gpu-ids-from-front',
    file: 'src/placement/place-tasks.ts',
    find: 'const ids = instance.freeGpus.slice(next, next + container.gpus);',
    replace: 'const ids = instance.freeGpus.slice(0, container.gpus);',
    tests: PLACEMENT,
  },
  {
    id: 'commit-frees-first-gpu-only',
    file: 'src/cluster/cluster-model.ts',
    find: 'const taken = new Set(footprint.gpuIds);',
    replace: 'const taken = new Set(footprint.gpuIds.slice(0, 1));',
    tests: CLUSTER,
  },
  {
    id: 'gpu-ids-of-first-container',
    file: 'src/api/build-task.ts',
    find: 'const gpus = gpuIds[k] ?? [];',
    replace: 'const gpus = gpuIds[0] ?? [];',
    tests: PLACEMENT,
  },
  {
    id: 'chosen-stays-alive',
    file: 'src/placement/place-tasks.ts',
    find: 'if (verdict !== FEASIBLE) alive[c] = 0;',
    replace: 'if (verdict !== FEASIBLE) alive[c] = 1;',
    tests: PLACEMENT,
  },
  {
    id: 'placed-task-holds-no-eni',
    file: 'src/placement/place-tasks.ts',
    find: "eni: needs.networkMode === 'awsvpc' ? 1 : 0,",
    replace: 'eni: 0,',
    tests: PLACEMENT,
  },
  {
    id: 'memo-key-without-eni',
    file: 'src/placement/feasibility-memo.ts',
    find: "const eni = needs.networkMode === 'awsvpc' ? 'eni' : '-';",
    replace: "const eni = '-';",
    tests: PLACEMENT,
  },
  {
    id: 'memo-key-without-attribute-values',
    file: 'src/placement/feasibility-memo.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    find: '.map((a) => (a.value === undefined ? a.name : `${a.name}\\u0001${a.value}`))',
    replace: '.map((a) => a.name)',
    tests: PLACEMENT,
  },
  // Cluster model
  {
    id: 'pending-desired-counts-as-running',
    file: 'src/cluster/cluster-model.ts',
    find: "this.addGroupTask(instance, groupOfTask(task), task.desiredStatus === 'RUNNING');",
    replace: 'this.addGroupTask(instance, groupOfTask(task), true);',
    tests: CLUSTER,
  },
  {
    id: 'stopped-snapshot-task-counts',
    file: 'src/cluster/cluster-model.ts',
    find: "if (task.desiredStatus === 'STOPPED' || task.containerInstanceArn === undefined) return;",
    replace: 'if (task.containerInstanceArn === undefined) return;',
    tests: CLUSTER,
  },
  {
    id: 'stop-keeps-cpu',
    file: 'src/cluster/cluster-model.ts',
    find: 'instance.cpu += cpu;',
    replace: 'instance.cpu += 0;',
    tests: CLUSTER,
  },
  {
    id: 'commit-memory-as-cpu',
    file: 'src/cluster/cluster-model.ts',
    find: 'instance.memory -= footprint.memory;',
    replace: 'instance.memory -= footprint.cpu;',
    tests: CLUSTER,
  },
  {
    id: 'stop-pending-snapshot-task',
    file: 'src/cluster/cluster-model.ts',
    find: "const wasPending = placed.ours || task.lastStatus === 'PENDING';",
    replace: 'const wasPending = placed.ours;',
    tests: CLUSTER,
  },
  {
    id: 'group-of-task-without-family',
    file: 'src/cluster/cluster-model.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    find: 'return `family:${colon < 0 ? name : name.slice(0, colon)}`;',
    replace: 'return name;',
    tests: CLUSTER,
  },
  {
    id: 'default-group-without-prefix',
    file: 'src/api/cluster.ts',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal
    find: 'const group = request.group ?? `family:${definition.family}`;',
    replace: 'const group = request.group ?? definition.family;',
    tests: [...API, ...PLACEMENT],
  },
  // Request validation
  {
    id: 'empty-group-accepted',
    file: 'src/api/validate-scalars.ts',
    find: 'if (group !== undefined && (group.length < 1 || group.length > MAX_GROUP)) {',
    replace: 'if (group !== undefined && (group.length < 0 || group.length > MAX_GROUP)) {',
    tests: API,
  },
  {
    id: 'count-ten-refused',
    file: 'src/api/validate-scalars.ts',
    find: 'if (count < 1 || count > MAX_COUNT) {',
    replace: 'if (count < 1 || count >= MAX_COUNT) {',
    tests: API,
  },
  {
    id: 'six-strategies-accepted',
    file: 'src/api/validate-placement-rules.ts',
    find: 'if (strategies.length > MAX_STRATEGIES) {',
    replace: 'if (strategies.length > MAX_STRATEGIES + 1) {',
    tests: API,
  },
  {
    id: 'eleven-constraints-accepted',
    file: 'src/api/validate-placement-rules.ts',
    find: 'if (total > MAX_CONSTRAINTS) {',
    replace: 'if (total > MAX_CONSTRAINTS + 1) {',
    tests: API,
  },
  // Capacity providers
  {
    id: 'split-ties-to-later',
    file: 'src/capacity/split-by-capacity-provider.ts',
    find: 'if ((assigned[i]! + 1) * weights[best]! < (assigned[best]! + 1) * weights[i]!) best = i;',
    replace:
      'if ((assigned[i]! + 1) * weights[best]! <= (assigned[best]! + 1) * weights[i]!) best = i;',
    tests: CAPACITY,
  },
  {
    id: 'base-one-too-many',
    file: 'src/capacity/split-by-capacity-provider.ts',
    find: 'const baseTasks = Math.min(remaining, bases[baseIndex]!);',
    replace: 'const baseTasks = Math.min(remaining, bases[baseIndex]! + 1);',
    tests: CAPACITY,
  },
  {
    id: 'seven-providers-accepted',
    file: 'src/capacity/validate-capacity-provider-strategy.ts',
    find: 'if (strategy.length > MAX_CAPACITY_PROVIDERS_PER_STRATEGY) {',
    replace: 'if (strategy.length > MAX_CAPACITY_PROVIDERS_PER_STRATEGY + 1) {',
    tests: CAPACITY,
  },
  // CQL
  {
    id: 'not-equals-on-missing',
    file: 'src/cql/compile-comparison.ts',
    find: "return typeof value === 'string' && value !== literal;",
    replace: 'return value !== literal;',
    tests: CQL,
  },
  {
    id: 'exists-needs-value',
    file: 'src/cql/compile-comparison.ts',
    find: 'return { evaluate: (v) => v.attributes.has(name), cost: 2 };',
    replace: "return { evaluate: (v) => typeof v.attributes.get(name) === 'string', cost: 2 };",
    tests: CQL,
  },
];

function parseArguments(argv) {
  const options = { only: undefined, tests: undefined, list: false, check: false, baseline: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only') options.only = new Set(argv[++i].split(','));
    else if (argv[i] === '--tests') options.tests = argv[++i].split(',');
    else if (argv[i] === '--list') options.list = true;
    else if (argv[i] === '--check') options.check = true;
    else if (argv[i] === '--no-baseline') options.baseline = false;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

/** A copy of the repository's sources and tests, sharing node_modules and dist. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'mutation-probe-'));
  for (const entry of ['src', 'grammar', 'test', 'bench', 'examples', 'docs', 'scripts']) {
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  }
  for (const file of ['package.json', 'tsconfig.json', 'vitest.config.ts', 'README.md']) {
    cpSync(join(root, file), join(dir, file));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(root, 'dist'), join(dir, 'dist'));
  return dir;
}

/** Runs `tests` in `dir`; true when they all pass. */
function testsPass(dir, tests) {
  const run = spawnSync(
    process.execPath,
    [join(dir, 'node_modules/vitest/vitest.mjs'), 'run', '--bail=1', '--reporter=dot', ...tests],
    {
      cwd: dir,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'ignore', 'ignore'],
      timeout: 15 * 60_000,
    },
  );
  return run.status === 0;
}

const options = parseArguments(process.argv.slice(2));
const selected = MUTATIONS.filter((m) => options.only === undefined || options.only.has(m.id)).map(
  (m) => (options.tests === undefined ? m : { ...m, tests: options.tests }),
);
if (options.list) {
  for (const m of selected) console.log(`${m.id.padEnd(36)} ${m.file}`);
  process.exit(0);
}

/** How many times a mutation's text occurs in its file under `base` (it must be once). */
function occurrencesIn(base, mutation) {
  return readFileSync(join(base, mutation.file), 'utf8').split(mutation.find).length - 1;
}

if (options.check) {
  const stale = selected.filter((m) => occurrencesIn(root, m) !== 1);
  for (const m of stale) console.log(`${m.id}: found ${occurrencesIn(root, m)} times in ${m.file}`);
  console.log(`${selected.length - stale.length}/${selected.length} mutations apply`);
  process.exit(stale.length === 0 ? 0 : 1);
}

const dir = workspace();
try {
  if (options.baseline) {
    const all = [...new Set(selected.flatMap((m) => m.tests))];
    process.stdout.write(`baseline (${all.length} test paths, unmutated) ... `);
    if (!testsPass(dir, all)) {
      console.log('FAILED: fix the tests before probing');
      process.exit(1);
    }
    console.log('pass');
  }
  const results = { killed: [], survived: [], na: [] };
  for (const mutation of selected) {
    const path = join(dir, mutation.file);
    const original = readFileSync(path, 'utf8');
    const occurrences = occurrencesIn(dir, mutation);
    if (occurrences !== 1) {
      results.na.push(mutation.id);
      console.log(`N/A       ${mutation.id} (found ${occurrences} times in ${mutation.file})`);
      continue;
    }
    writeFileSync(
      path,
      original.replace(mutation.find, () => mutation.replace),
    );
    const started = Date.now();
    const killed = !testsPass(dir, mutation.tests);
    writeFileSync(path, original);
    const seconds = Math.round((Date.now() - started) / 1000);
    (killed ? results.killed : results.survived).push(mutation.id);
    console.log(`${killed ? 'KILLED  ' : 'SURVIVED'}  ${mutation.id} (${seconds} s)`);
  }
  const tried = results.killed.length + results.survived.length;
  console.log(
    `\n${results.killed.length}/${tried} killed` +
      (results.survived.length > 0 ? `; survived: ${results.survived.join(', ')}` : '') +
      (results.na.length > 0 ? `; not applicable: ${results.na.join(', ')}` : ''),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
