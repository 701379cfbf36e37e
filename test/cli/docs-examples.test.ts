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
import { type CliRun, FIXTURES, runCli } from './run-cli.js';

const DOC = fileURLToPath(new URL('../../docs/cli.md', import.meta.url));

interface Example {
  line: string;
  argv: string[];
  exit: number;
}

/** Splits a command line as a POSIX shell would (quotes and backslashes; no expansions). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let text = '';
      for (i++; line[i] !== '"'; i++) {
        if (line[i] === '\\' && '"\\$`'.includes(line[i + 1]!)) i++;
        text += line[i];
      }
      word = (word ?? '') + text;
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === '#' && word === undefined) {
      break;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of markdown.matchAll(/^ *```sh\n([\s\S]*?)^ *```/gm)) {
    for (const raw of block[1]!.split('\n')) {
      const line = raw.trim();
      if (!line.startsWith('ecs-placement ')) continue;
      const exit = /# exit (\d+)$/.exec(line);
      examples.push({ line, argv: shellWords(line).slice(1), exit: exit ? Number(exit[1]) : 0 });
    }
  }
  return examples;
}

const doc = await readFile(DOC, 'utf8');
const examples = examplesOf(doc);

/** The first plain code block after `phrase` in the document: an output it shows. */
function shownAfter(phrase: string): string {
  const at = doc.indexOf(phrase);
  const block = /```\n([\s\S]*?)```/.exec(doc.slice(at));
  if (at < 0 || !block) throw new Error(`docs/cli.md no longer shows an output after "${phrase}"`);
  return block[1]!;
}

/** Outputs docs/cli.md shows, by the end of the example's line: [stream, text]. */
const documented: Array<[string, 'stdout' | 'stderr', string]> = [
  ["--query 'failures[0].reason' --output text", 'stdout', 'RESOURCE:MEMORY\n'],
  [
    '--output table --status DRAINING',
    'stdout',
    shownAfter('The second example prints `RESOURCE:MEMORY`; the sixth:'),
  ],
  ['--explain summary', 'stderr', shownAfter('The third example prints on stderr:')],
];
let dir: string;

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
/** Where web:1 fits. */
const ROOMY = ['aaaa1111', 'cccc3333'];
/** A service error (exit 254): an empty line, then the AWS CLI's sentence. */
const serviceError = (run: CliRun, name: string, operation = 'RunTask') =>
  expect(run.stderr).toMatch(
    new RegExp(`^\\nAn error occurred \\(${name}\\) when calling the ${operation} operation: `),
  );
/** A command-line error (exit 252): one line with the reason, then the usage line. */
const usageError = (run: CliRun, reason: string) => {
  const [first, blank, usage] = run.stderr.split('\n');
  expect(first).toBe(`ecs-placement run-task: error: ${reason}`);
  expect(blank).toBe('');
  expect(usage).toMatch(/^usage: ecs-placement run-task /);
};

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
      const t2micro = await runCli(
        [
          'run-task',
          '--cluster-state',
          'cluster.json',
          '--task-definition',
          'web:1',
          '--placement-constraints',
          'type=memberOf,expression="attribute:ecs.instance-type == t2.micro"',
        ],
        { cwd: dir },
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
      const plain = await runCli(
        shellWords(
          'run-task --cluster-state cluster.json --task-definition web:1 --count 2 --placement-strategy type=spread,field=attribute:ecs.availability-zone type=binpack,field=memory',
        ),
        { cwd: dir },
      );
      // The same response (createdAt is the clock's).
      const withoutClock = (stdout: string) =>
        tasksOf({ code: 0, stdout, stderr: '' }).map(({ createdAt: _createdAt, ...task }) => task);
      expect(withoutClock(run.stdout)).toEqual(withoutClock(plain.stdout));
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
    (run) => usageError(run, "unknown option '--colour'"),
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
    for (const [ending] of documented) {
      expect(
        examples.filter((e) => e.line.endsWith(ending)),
        ending,
      ).toHaveLength(1);
    }
  });

  it('says what every example documents (add it to DOCUMENTED with the example)', () => {
    expect(examples.map((e) => e.line).filter((line) => DOCUMENTED[line] === undefined)).toEqual(
      [],
    );
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
    const run = await runCli(example.argv, { cwd: dir });
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
    for (const [ending, stream, text] of documented) {
      if (example.line.endsWith(ending)) expect(run[stream]).toBe(text);
    }
    if (
      example.line.endsWith('--task-definition web:1 --placement-constraints type=distinctInstance')
    ) {
      // The documented point of the --save example: the saved tasks block the group.
      expect(JSON.parse(run.stdout).tasks).toEqual([]);
    }
  });
});
