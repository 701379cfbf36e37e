/**
 * Runs every `ecs-placement` example of docs/cli.md, in order, and checks its exit status and
 * what the page says it does (DOCUMENTED, written by hand from the page and the fixture: of
 * cluster.json's ACTIVE instances, web:1 (512 MiB) fits aaaa1111 (us-east-1a, 2048 MiB free)
 * and cccc3333 (us-east-1b, 4096 MiB), not bbbb2222 (us-east-1b, 256 MiB)).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, Task } from '../../src/kernel/ecs-types.js';
import { examplesOf, shellWords } from '../support/doc-examples.js';
import { type CliRun, FIXTURES, runCli } from './run-cli.js';

const DOC = fileURLToPath(new URL('../../docs/cli.md', import.meta.url));

const doc = await readFile(DOC, 'utf8');
const examples = examplesOf(doc);

/** The first plain code block after `phrase` in the document: an output it shows. */
function shownAfter(phrase: string): string {
  const at = doc.indexOf(phrase);
  const block = /```\n([\s\S]*?)```/.exec(doc.slice(at));
  if (at < 0 || !block) throw new Error(`docs/cli.md no longer shows an output after "${phrase}"`);
  return block[1]!;
}

let dir: string;
/** The page runs its examples with TZ=UTC ("Trying the examples"): timestamps print as +00:00. */
const ENV = { TZ: 'UTC' };
/** Runs a command line of the page (without `ecs-placement`) where the examples run. */
const runHere = (line: string) => runCli(shellWords(line), { cwd: dir, env: ENV });

const ARN = 'arn:aws:ecs:us-east-1:123456789012:container-instance/default/';
const id = (arn: string | undefined) => arn?.slice(ARN.length);
const tasksOf = (run: CliRun): Task[] => JSON.parse(run.stdout).tasks;
const hostsOf = (run: CliRun) => tasksOf(run).map((t) => id(t.containerInstanceArn));
const failuresOf = (run: CliRun) =>
  (JSON.parse(run.stdout).failures as { arn: string; reason: string }[]).map((f) => [
    id(f.arn),
    f.reason,
  ]);
const listed = (run: CliRun) => (JSON.parse(run.stdout).containerInstanceArns as string[]).map(id);
const savedTasks = async () =>
  (JSON.parse(await readFile(join(dir, 'cluster.json'), 'utf8')) as Snapshot).clusters[0]!.tasks;
/** Where web:1 fits, and the zone of each. */
const ROOMY = ['aaaa1111', 'cccc3333'];
const ZONE: Record<string, string> = { aaaa1111: 'us-east-1a', cccc3333: 'us-east-1b' };
/** The tasks of a response without their `createdAt` (the clock's, unless `--now`). */
const withoutClock = (run: CliRun) =>
  tasksOf(run).map(({ createdAt: _createdAt, ...task }) => task);
/** The plain run every "same response" example is compared with. */
const PLAIN = 'run-task --cluster-state cluster.json --task-definition web:1';
/** A service error (exit 254): an empty line, then the AWS CLI's sentence. */
const serviceError = (run: CliRun, name: string, operation = 'RunTask') =>
  expect(run.stderr).toMatch(
    new RegExp(`^\\nAn error occurred \\(${name}\\) when calling the ${operation} operation: `),
  );
/**
 * A command-line error (exit 252): one line with the reason; after an unknown option, a line
 * naming the closest one (`(Did you mean --color?)`); then, after an empty line, the usage.
 */
const usageError = (run: CliRun, reason: string | RegExp, closest?: string) => {
  const lines = run.stderr.split('\n');
  const first = lines.shift();
  const prefix = 'ecs-placement run-task: error: ';
  if (typeof reason === 'string') expect(first).toBe(`${prefix}${reason}`);
  else expect(first?.slice(prefix.length), first).toMatch(reason);
  expect(first?.startsWith(prefix), first).toBe(true);
  if (closest !== undefined) expect(lines.shift()).toBe(`(Did you mean ${closest}?)`);
  const [blank, usage] = lines;
  expect(blank).toBe('');
  expect(usage).toMatch(/^usage: ecs-placement run-task /);
};

/**
 * An `--output table` at one nesting depth (that many bars on each side): its section titles
 * and its `name | value` rows.
 */
function tableAt(stdout: string, depth: number) {
  const bars = `\\|{${depth}}(?!\\|)`;
  const end = `\\|{${depth}}$`;
  const title = new RegExp(`^${bars}\\s+(\\S+)\\s+${end}`);
  const row = new RegExp(`^${bars} {2}([^\\s|]+)\\s*\\| {2}(.*?)\\s*${end}`);
  const lines = stdout.trimEnd().split('\n');
  return {
    titles: lines.flatMap((line) => title.exec(line)?.[1] ?? []),
    rows: lines.flatMap((line) => {
      const match = row.exec(line);
      return match ? [[match[1], match[2]]] : [];
    }),
  };
}

/** The earlier runs, by example line (for the examples that build on each other). */
const earlier = new Map<string, CliRun[]>();

/** What each example of the page documents, by its line. */
const DOCUMENTED: Record<string, (run: CliRun) => void | Promise<void>> = {
  // "Places --count tasks (default 1) ... as JSON with a 4-space indent".
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1': (run) => {
    expect(run.stdout).toMatch(/^\{\n {4}"tasks": \[\n {8}\{/);
    expect(hostsOf(run)).toHaveLength(1);
    expect(ROOMY).toContain(hostsOf(run)[0]);
    expect(failuresOf(run)).toEqual([]);
  },
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --count 3 --seed demo':
    (run) => {
      expect(hostsOf(run)).toHaveLength(3);
      for (const host of hostsOf(run)) expect(ROOMY).toContain(host);
    },
  // "one entry per rejected container instance, with the ECS reason such as RESOURCE:MEMORY".
  'ecs-placement run-task --cluster-state cluster.json --task-definition big': (run) => {
    expect(tasksOf(run)).toEqual([]);
    expect(failuresOf(run)).toEqual([
      ['aaaa1111', 'RESOURCE:MEMORY'],
      ['bbbb2222', 'RESOURCE:MEMORY'],
      ['cccc3333', 'RESOURCE:MEMORY'],
    ]);
  },
  // JSON value: binpack on memory takes the fullest instance that fits.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --placement-strategy \'[{"type":"binpack","field":"memory"}]\'':
    (run) => expect(hostsOf(run)).toEqual(['aaaa1111']),
  // file://: the task memory "2048" and the container override (cpu 512) of overrides.json.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --overrides file://params/overrides.json':
    (run) => {
      const [task] = tasksOf(run);
      expect(task!.memory).toBe('2048');
      expect(task!.containers!.map((c) => [c.name, c.cpu])).toEqual([['app', '512']]);
      expect(task!.overrides!.containerOverrides).toEqual([
        { name: 'app', cpu: 512, memory: 1024, command: ['sleep', '60'] },
      ]);
    },
  // filter.txt: the t2.small instances, any status but INACTIVE.
  'ecs-placement list-container-instances --cluster-state cluster.json --filter file://params/filter.txt':
    (run) => expect(listed(run)).toEqual(['aaaa1111', 'cccc3333', 'dddd4444']),
  // Two list items: spread over the zones (aaaa1111 by binpack in the tie), then the other zone.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --count 2 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory':
    (run) => expect(hostsOf(run)).toEqual(['aaaa1111', 'cccc3333']),
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --tags key=team,value=web key=env,value=test':
    (run) =>
      expect(tasksOf(run)[0]!.tags).toEqual([
        { key: 'team', value: 'web' },
        { key: 'env', value: 'test' },
      ]),
  // Nested structures and lists: the task's interface is in a subnet of its zone.
  "ecs-placement run-task --cluster-state cluster.json --task-definition vpc --network-configuration 'awsvpcConfiguration={subnets=[subnet-0a,subnet-0b],assignPublicIp=DISABLED}'":
    (run) => {
      const [task] = tasksOf(run);
      const eni = task!.attachments!.find((a) => a.type === 'ElasticNetworkInterface');
      const subnet = eni?.details?.find((d) => d.name === 'subnetId')?.value;
      expect(subnet).toBe(task!.availabilityZone === 'us-east-1a' ? 'subnet-0a' : 'subnet-0b');
    },
  "ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --overrides 'containerOverrides=[{name=app,memoryReservation=256,environment=[{name=MODE,value=demo}]}]'":
    (run) => {
      const [task] = tasksOf(run);
      expect(task!.overrides!.containerOverrides).toEqual([
        { name: 'app', memoryReservation: 256, environment: [{ name: 'MODE', value: 'demo' }] },
      ]);
      expect(task!.containers![0]!.memoryReservation).toBe('256');
    },
  // Quoted values: the expression arrives whole, so only t2.small instances are chosen.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --placement-constraints \'type=memberOf,expression="attribute:ecs.instance-type == t2.small"\'':
    async (run) => {
      expect(ROOMY).toContain(hostsOf(run)[0]);
      const t2micro = await runHere(
        `${PLAIN} --placement-constraints 'type=memberOf,expression="attribute:ecs.instance-type == t2.micro"'`,
      );
      expect(failuresOf(t2micro)).toEqual([
        ['aaaa1111', 'MemberOf placement constraint unsatisfied.'],
        ['bbbb2222', 'RESOURCE:MEMORY'],
        ['cccc3333', 'MemberOf placement constraint unsatisfied.'],
      ]);
    },
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --placement-constraints "type=memberOf,expression=\'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]\'" type=distinctInstance':
    (run) => expect(ROOMY).toContain(hostsOf(run)[0]),
  "ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --count ' 2' # exit 252":
    (run) => usageError(run, 'Invalid value for parameter count: expected an integer, got " 2"'),
  // The message shown on the page, caret included.
  "ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --placement-constraints 'type=memberOf,expression=\"attribute:ecs.instance-type == t2.small' # exit 252":
    (run) =>
      expect(run.stderr).toContain(
        [
          "ecs-placement run-task: Error parsing parameter '--placement-constraints': unterminated double-quoted string at position 25:",
          '  type=memberOf,expression="attribute:ecs.instance-type == t2.s...',
          '                           ^',
        ].join('\n'),
      ),
  // request.json: count 3, group from-file, binpack on memory (aaaa1111 holds all three).
  'ecs-placement run-task --cluster-state cluster.json --cli-input-json file://params/request.json':
    (run) => {
      expect(hostsOf(run)).toEqual(['aaaa1111', 'aaaa1111', 'aaaa1111']);
      expect(tasksOf(run).map((t) => t.group)).toEqual(['from-file', 'from-file', 'from-file']);
    },
  // Options on the command line replace the field they name.
  'ecs-placement run-task --cluster-state cluster.json --cli-input-json file://params/request.json --count 1 --group override':
    (run) => expect(tasksOf(run).map((t) => t.group)).toEqual(['override']),
  // request.yaml: two tasks, started by yaml-user, one per instance (distinctInstance).
  'ecs-placement run-task --cluster-state cluster.json --cli-input-yaml file://params/request.yaml':
    (run) => {
      expect([...hostsOf(run)].sort()).toEqual(ROOMY);
      expect(tasksOf(run).map((t) => t.startedBy)).toEqual(['yaml-user', 'yaml-user']);
    },
  'ecs-placement run-task --cluster-state cluster.json --cli-input-json \'{"taskDefinition": "web:1", "count": 2}\'':
    (run) => expect(hostsOf(run)).toHaveLength(2),
  // "every field: "" for strings, the first documented value for enumerations, 0 for
  // integers, true for booleans and one item in each list".
  'ecs-placement run-task --generate-cli-skeleton': (run) => {
    const skeleton = JSON.parse(run.stdout);
    expect(skeleton).toMatchObject({
      taskDefinition: '',
      count: 0,
      launchType: 'EC2',
      enableECSManagedTags: true,
    });
    expect(skeleton.tags).toHaveLength(1);
    expect(skeleton.placementStrategy).toHaveLength(1);
  },
  // "marks the required field and lists the documented values in comments".
  'ecs-placement run-task --generate-cli-skeleton yaml-input': (run) => {
    expect(run.stdout).toContain('taskDefinition: "" # [REQUIRED]');
    expect(run.stdout).toContain('launchType: EC2 # Valid values are: EC2, FARGATE, EXTERNAL.');
  },
  'ecs-placement run-task --generate-cli-skeleton output --task-definition web:1': (run) => {
    const skeleton = JSON.parse(run.stdout);
    expect(Object.keys(skeleton).sort()).toEqual(['failures', 'tasks']);
    expect(skeleton.tasks).toHaveLength(1);
    expect(skeleton.failures).toHaveLength(1);
  },
  // The report on stderr; stdout is the response the same command prints without --explain.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --count 2 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory --explain':
    async (run) => {
      expect(run.stderr).toContain('Summary: placed 2/2 tasks');
      expect(run.stderr).toContain('Strategy rule 1: spread(attribute:ecs.availability-zone)');
      expect(run.stderr).toContain('Strategy rule 2: binpack(memory)');
      const plain = await runHere(
        `${PLAIN} --count 2 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory`,
      );
      // The same response (createdAt is the clock's).
      expect(withoutClock(run)).toEqual(withoutClock(plain));
    },
  // **All** the failing checks of each instance, not just the first: memory and memberOf.
  'ecs-placement run-task --cluster-state cluster.json --task-definition big --placement-constraints \'type=memberOf,expression="attribute:ecs.instance-type =~ t2.* and attribute:stack == prod"\' --explain':
    (run) => {
      expect(run.stderr).toContain('needed 100000, available 2048, short by 97952');
      expect(run.stderr).toContain('needed 100000, available 256, short by 99744');
      expect(run.stderr).toContain('needed 100000, available 4096, short by 95904');
      expect(run.stderr.match(/failing: attribute:stack == prod \(columns 41-63\)/g)).toHaveLength(
        3,
      );
      expect(failuresOf(run).map(([, reason]) => reason)).toEqual([
        'RESOURCE:MEMORY',
        'RESOURCE:MEMORY',
        'RESOURCE:MEMORY',
      ]);
    },
  // "The third example prints on stderr:" that report; stdout is the response it describes,
  // the same as without --explain.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --count 2 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory --explain summary':
    async (run) => {
      expect(run.stderr).toBe(shownAfter('The third example prints on stderr:'));
      expect(hostsOf(run)).toEqual(['aaaa1111', 'cccc3333']);
      const plain = await runHere(
        `${PLAIN} --count 2 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory`,
      );
      expect(withoutClock(run)).toEqual(withoutClock(plain));
    },
  // json: the explanation object on stderr, 4-space JSON (seed, summary, tasks[] with verdicts,
  // steps, tieBreak, chosen); stdout stays the response, here --query'd and as text.
  "ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --explain json --query 'tasks[0].containerInstanceArn' --output text":
    (run) => {
      const [arn, ...rest] = run.stdout.split('\n');
      expect(rest).toEqual(['']);
      expect(ROOMY).toContain(id(arn));
      expect(run.stderr).toMatch(/^\{\n {4}"/);
      const explanation = JSON.parse(run.stderr);
      expect(explanation.seed).toBe('ecs-placement'); // the fixed seed without --seed
      expect(explanation.summary).toMatch(/^placed 1\/1 tasks?$/);
      expect(explanation.tasks).toHaveLength(1);
      const [task] = explanation.tasks;
      expect(task.chosen).toBe(arn);
      expect(task).toHaveProperty('steps');
      expect(task).toHaveProperty('tieBreak');
      expect(
        task.verdicts.map((v: { containerInstanceArn: string; failures: { reason: string }[] }) => [
          id(v.containerInstanceArn),
          v.failures.map((f) => f.reason),
        ]),
      ).toEqual([
        ['aaaa1111', []],
        ['bbbb2222', ['RESOURCE:MEMORY']],
        ['cccc3333', []],
      ]);
    },
  // "the same snapshot, request, --seed and --now give the same output, byte for byte ...
  // (the task ids come from the seed)".
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --seed demo --now 2026-11-30T06:30:48.123Z':
    async (run) => {
      expect(tasksOf(run).map((t) => t.createdAt)).toEqual(['2026-11-30T06:30:48.123000+00:00']);
      const again = await runHere(`${PLAIN} --seed demo --now 2026-11-30T06:30:48.123Z`);
      expect(again.stdout).toBe(run.stdout);
      const otherSeed = await runHere(`${PLAIN} --seed other --now 2026-11-30T06:30:48.123Z`);
      expect(tasksOf(otherSeed)[0]!.taskArn).not.toBe(tasksOf(run)[0]!.taskArn);
    },
  // "The second prints 2026-11-30T06:30:48+00:00".
  "ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --now 1796020248 --query 'tasks[0].createdAt' --output text":
    (run) => expect(run.stdout).toBe('2026-11-30T06:30:48+00:00\n'),
  // --save: the two tasks (one per instance with room) are in the file afterwards.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --placement-constraints type=distinctInstance --count 2 --save':
    async (run) => {
      expect([...hostsOf(run)].sort()).toEqual(ROOMY);
      expect((await savedTasks()).map((t) => t.taskArn)).toEqual(
        tasksOf(run).map((t) => t.taskArn),
      );
    },
  // "the response lists DistinctInstance placement constraint unsatisfied. failures".
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --placement-constraints type=distinctInstance':
    async (run) => {
      expect(tasksOf(run)).toEqual([]);
      expect(failuresOf(run)).toEqual([
        ['aaaa1111', 'DistinctInstance placement constraint unsatisfied.'],
        ['bbbb2222', 'RESOURCE:MEMORY'],
        ['cccc3333', 'DistinctInstance placement constraint unsatisfied.'],
      ]);
      expect(await savedTasks()).toHaveLength(2);
    },
  // A retried run with a client token prints the first response again and places nothing more.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --client-token nightly-2025-06-01 --save':
    async (run) => {
      const runs = earlier.get(
        'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --client-token nightly-2025-06-01 --save',
      );
      expect(tasksOf(run)).toHaveLength(1);
      expect(await savedTasks()).toHaveLength(3);
      if (runs !== undefined) expect(run.stdout).toBe(runs[0]!.stdout);
    },
  'ecs-placement list-container-instances --cluster-state cluster.json': (run) =>
    expect(listed(run)).toEqual(['aaaa1111', 'bbbb2222', 'cccc3333', 'dddd4444']),
  'ecs-placement list-container-instances --cluster-state cluster.json --status DRAINING': (run) =>
    expect(listed(run)).toEqual(['dddd4444']),
  "ecs-placement list-container-instances --cluster-state cluster.json --filter 'attribute:ecs.instance-type == t2.small' --status ACTIVE":
    (run) => expect(listed(run)).toEqual(['aaaa1111', 'cccc3333']),
  // In us-east-1b: bbbb2222 is a t2.micro (matches t2.m.*), cccc3333 a t2.small.
  "ecs-placement list-container-instances --cluster-state cluster.json --filter 'attribute:ecs.availability-zone in [us-east-1b] and not(attribute:ecs.instance-type =~ t2.m.*)'":
    (run) => expect(listed(run)).toEqual(['cccc3333']),
  // "reported the way the service reports it, with the position of the problem".
  "ecs-placement list-container-instances --cluster-state cluster.json --filter 'attribute:ecs.instance-type ==' # exit 254":
    (run) => {
      serviceError(run, 'InvalidParameterException', 'ListContainerInstances');
      expect(run.stderr).toContain('(at line 1, column 31)');
    },
  // --query before the format: the two ARNs, as JSON with a 4-space indent.
  "ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --count 2 --query 'tasks[].containerInstanceArn'":
    (run) => {
      const arns: string[] = JSON.parse(run.stdout);
      expect(arns).toHaveLength(2);
      for (const arn of arns) expect(ROOMY).toContain(id(arn));
      expect(run.stdout).toBe(`[\n    "${arns[0]}",\n    "${arns[1]}"\n]\n`);
    },
  // "The second example prints RESOURCE:MEMORY".
  "ecs-placement run-task --cluster-state cluster.json --task-definition big --query 'failures[0].reason' --output text":
    (run) => expect(run.stdout).toBe('RESOURCE:MEMORY\n'),
  // The boxed table titled RunTask, each section a level deeper; wider than 80 columns, so
  // the single-row sections are on their side, one `name | value` row per member, sorted.
  // With --now (and the fixed seed), the same bytes every time.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --output table --now 2026-11-30T06:30:48Z':
    async (run) => {
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^-+$/);
      expect(lines[2]).toMatch(/^\+-+\+$/);
      expect(lines[0]!.length).toBeGreaterThan(80);
      for (const line of lines) expect(line).toHaveLength(lines[0]!.length);
      expect(tableAt(run.stdout, 1)).toEqual({ titles: ['RunTask'], rows: [] });
      const tasks = tableAt(run.stdout, 2);
      expect(tasks.titles).toEqual(['tasks']);
      const host = id(tasks.rows.find(([name]) => name === 'containerInstanceArn')?.[1]);
      expect(ROOMY).toContain(host);
      const taskArn = expect.stringMatching(/^arn:aws:ecs:us-east-1:123456789012:task\/default\//);
      expect(tasks.rows).toEqual([
        ['availabilityZone', ZONE[host!]],
        ['clusterArn', 'arn:aws:ecs:us-east-1:123456789012:cluster/default'],
        ['containerInstanceArn', `${ARN}${host}`],
        ['cpu', '256'],
        ['createdAt', '2026-11-30T06:30:48+00:00'],
        ['desiredStatus', 'RUNNING'],
        ['enableExecuteCommand', 'False'],
        ['group', 'family:web'],
        ['lastStatus', 'PENDING'],
        ['launchType', 'EC2'],
        ['memory', '512'],
        ['taskArn', taskArn],
        ['taskDefinitionArn', 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1'],
        ['version', '1'],
      ]);
      const containers = tableAt(run.stdout, 3);
      expect(containers.titles).toEqual(['containers', 'overrides']);
      expect(containers.rows).toEqual([
        ['containerArn', expect.stringMatching(/^arn:aws:ecs:us-east-1:123456789012:container\//)],
        ['cpu', '256'],
        ['image', 'nginx'],
        ['lastStatus', 'PENDING'],
        ['memory', '512'],
        ['name', 'app'],
        ['taskArn', taskArn],
      ]);
      expect(tableAt(run.stdout, 4)).toEqual({
        titles: ['containerOverrides'],
        rows: [['name', 'app']],
      });
      const again = await runHere(`${PLAIN} --output table --now 2026-11-30T06:30:48Z`);
      expect(again.stdout).toBe(run.stdout);
    },
  // YAML, keys sorted, plain strings unquoted.
  "ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --output yaml --query 'tasks[0].{arn: taskArn, instance: containerInstanceArn, zone: availabilityZone}'":
    (run) => {
      const yaml =
        /^arn: arn:aws:ecs:us-east-1:123456789012:task\/default\/[0-9a-f]{32}\ninstance: (\S+)\nzone: (\S+)\n$/.exec(
          run.stdout,
        );
      expect(yaml, run.stdout).not.toBeNull();
      expect(ROOMY).toContain(id(yaml![1]));
      expect(yaml![2]).toBe(ZONE[id(yaml![1])!]);
    },
  // A list of scalars: one `NAME<tab>value` line per item.
  'ecs-placement list-container-instances --cluster-state cluster.json --output text': (run) =>
    expect(run.stdout).toBe(
      ['aaaa1111', 'bbbb2222', 'cccc3333', 'dddd4444']
        .map((host) => `CONTAINERINSTANCEARNS\t${ARN}${host}\n`)
        .join(''),
    ),
  // "the sixth:" the table the page shows.
  'ecs-placement list-container-instances --cluster-state cluster.json --output table --status DRAINING':
    (run) =>
      expect(run.stdout).toBe(
        shownAfter('The second example prints `RESOURCE:MEMORY`; the sixth:'),
      ),
  // "An unknown format ... is a usage error (exit 252)": what was wrong, and what is accepted.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --output xml # exit 252':
    (run) =>
      usageError(
        run,
        "argument --output: invalid choice: 'xml' (choose from json, text, table, yaml, yaml-stream, off)",
      ),
  // "one that does not parse is Bad value for --query EXPRESSION: <why> (exit 252)".
  "ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --query 'tasks[' # exit 252":
    (run) => usageError(run, /^Bad value for --query tasks\[: \S/),
  // The region is the snapshot's; --profile and --no-cli-pager are ignored; --color off: the
  // same response, uncoloured, nothing on stderr.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --region us-east-1 --profile prod --no-cli-pager --color off':
    async (run) => {
      expect(run.stderr).toBe('');
      expect(run.stdout).not.toContain('\u001b[');
      expect(withoutClock(run)).toEqual(withoutClock(await runHere(PLAIN)));
    },
  // "one ecs-placement <command>: debug: ... line on stderr per step": the output format and
  // where it came from, the cluster-state file, the seed and clock, the request, what was placed.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --debug --now 2026-11-30T06:30:48Z':
    (run) => {
      const lines = run.stderr.trimEnd().split('\n');
      for (const line of lines) expect(line).toMatch(/^ecs-placement run-task: debug: /);
      expect(lines.map((line) => line.slice('ecs-placement run-task: debug: '.length))).toEqual([
        expect.stringMatching(/^output json\b.*\bdefault\b/),
        expect.stringMatching(
          /^cluster state cluster\.json\b.*"ecs-placement".*2026-11-30T06:30:48/,
        ),
        expect.stringMatching(/^request .*"taskDefinition":"web:1"/),
        expect.stringMatching(/^placed 1 task/),
      ]);
      expect(tasksOf(run).map((t) => t.createdAt)).toEqual(['2026-11-30T06:30:48+00:00']);
    },
  // Another region has no such cluster: a note naming both regions, then the service error.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --region eu-west-1 # exit 254':
    (run) => {
      const [note, ...rest] = run.stderr.split('\n');
      expect(note).toMatch(/^ecs-placement run-task: note: .*eu-west-1.*us-east-1/);
      serviceError({ ...run, stderr: rest.join('\n') }, 'ClusterNotFoundException');
    },
  // --endpoint-url with a scheme is ignored: the same response.
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --endpoint-url http://localhost:4566':
    async (run) => {
      expect(run.stderr).toBe('');
      expect(withoutClock(run)).toEqual(withoutClock(await runHere(PLAIN)));
    },
  // Without a scheme: "Bad value for --endpoint-url "localhost": scheme is missing. ...".
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --endpoint-url localhost # exit 252':
    (run) => usageError(run, /^Bad value for --endpoint-url "localhost": scheme is missing\. /),
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --cluster nowhere # exit 254':
    (run) => serviceError(run, 'ClusterNotFoundException'),
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --cluster empty # exit 254':
    (run) => {
      serviceError(run, 'InvalidParameterException');
      expect(run.stderr).toContain('No Container Instances were found in your cluster.');
    },
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --count 11 # exit 254':
    (run) => {
      serviceError(run, 'InvalidParameterException');
      expect(run.stderr).toContain('Invalid count 11');
    },
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --launch-type MOON # exit 254':
    (run) => {
      serviceError(run, 'InvalidParameterException');
      expect(run.stderr).toContain('"MOON"');
    },
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --count abc # exit 252':
    (run) => usageError(run, 'Invalid value for parameter count: expected an integer, got "abc"'),
  'ecs-placement run-task --cluster-state cluster.json --task-definition web:1 --colour red # exit 252':
    (run) => usageError(run, "unknown option '--colour'", '--color'),
  // "ecs-placement <command>: error: ... naming the file".
  'ecs-placement run-task --cluster-state missing.json --task-definition web:1 # exit 255': (run) =>
    expect(run.stderr).toMatch(/^ecs-placement run-task: error: .*missing\.json/),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-docs-'));
  await cp(join(FIXTURES, 'small-cluster.json'), join(dir, 'cluster.json'));
  await cp(join(FIXTURES, 'params'), join(dir, 'params'), { recursive: true });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('docs/cli.md examples', () => {
  it('has examples of both commands and of every exit status', () => {
    expect(examples.length).toBeGreaterThan(25);
    expect(new Set(examples.map((e) => e.argv[0]))).toEqual(
      new Set(['run-task', 'list-container-instances']),
    );
    expect(new Set(examples.map((e) => e.exit))).toEqual(new Set([0, 252, 254, 255]));
  });

  it('says what every example documents (add it to DOCUMENTED with the example)', () => {
    expect(examples.map((e) => e.line).filter((line) => DOCUMENTED[line] === undefined)).toEqual(
      [],
    );
  });

  it('checks only examples the page has (a changed example needs its entry changed too)', () => {
    const lines = new Set(examples.map((e) => e.line));
    expect(Object.keys(DOCUMENTED).filter((line) => !lines.has(line))).toEqual([]);
  });

  it('shell splitting keeps quoted text whole', () => {
    expect(shellWords(`a 'b c' "d \\" e" f\\ g h # comment`)).toEqual([
      'a',
      'b c',
      'd " e',
      'f g',
      'h',
    ]);
  });

  // In document order: the --save examples build on each other.
  it.each(examples.map((e) => [e.line, e] as const))('%s', async (_line, example) => {
    const run = await runCli(example.argv, { cwd: dir, env: ENV });
    expect({ code: run.code, stderr: run.code === example.exit ? '' : run.stderr }).toEqual({
      code: example.exit,
      stderr: '',
    });
    await DOCUMENTED[example.line]?.(run);
    earlier.set(example.line, [...(earlier.get(example.line) ?? []), run]);
    if (example.exit !== 0) {
      expect(run.stdout).toBe('');
      return;
    }
    const format = example.argv.includes('--output')
      ? example.argv[example.argv.indexOf('--output') + 1]
      : 'json';
    if (format === 'json' && !example.argv.includes('yaml-input')) {
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    }
    if (
      example.line.endsWith('--task-definition web:1 --placement-constraints type=distinctInstance')
    ) {
      // The documented point of the --save example: the saved tasks block the group.
      expect(JSON.parse(run.stdout).tasks).toEqual([]);
    }
  });
});
