// Every example in README.md runs as shown: the library example is examples/plan.mjs and
// prints exactly the output the README shows; every `npx ecs-placement` command exits 0 and
// does what the README says it does (each command has its check below, written by hand from
// examples/cluster.json and examples/aws-cli/); the `npm start` explanation prints the lines
// the README shows.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot, Task } from '../../src/kernel/ecs-types.js';

const readme = readFileSync('README.md', 'utf8');
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({
  lang: m[1] ?? '',
  body: m[2] ?? '',
}));
const bin = 'dist/bundle/cli.js';
const ARN = 'arn:aws:ecs:us-east-1:123456789012';
const instance = (id: string) => `${ARN}:container-instance/default/${id}`;

/** The shell commands of a block, continuation lines joined, comments dropped. */
function commandsOf(body: string): string[] {
  return body
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

interface Run {
  stdout: string;
  stderr: string;
  /** The directory that stands for /tmp in the README's commands. */
  tmp: string;
}

const tasksOf = (run: Run): Task[] => JSON.parse(run.stdout).tasks;
const failuresOf = (run: Run): unknown[] => JSON.parse(run.stdout).failures;
const count = (values: readonly (string | undefined)[]) => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
};

/**
 * What each README command documents, by a piece of its text. In examples/cluster.json the
 * prod instances in us-east-1a already run a web task on host port 80, so web tasks fit on
 * the prod instances of us-east-1b and us-east-1c only.
 */
const DOCUMENTED: { command: string; check: (run: Run) => void }[] = [
  {
    // `npm start`: web-spread-binpack.json, whose explanation the README prints (below).
    command:
      '--cli-input-json file://examples/requests/web-spread-binpack.json --seed demo --explain',
    check: (run) => {
      expect(tasksOf(run)).toHaveLength(3);
      expect(run.stderr).toContain('Summary: placed 3/3 tasks');
    },
  },
  {
    // "Where would three web tasks go, spread over zones then packed by memory?" Zones 1b
    // and 1c are empty of web tasks; binpack takes the least memory: c5.large 730f5eb4 (1c,
    // 3711 MiB), then in 1b m5.large 4c7ff435 (6656), then in 1c m5.large 9d134727 (6656).
    command: '--task-definition web --count 3',
    check: (run) => {
      expect(failuresOf(run)).toEqual([]);
      expect(tasksOf(run).map((t) => [t.containerInstanceArn, t.availabilityZone])).toEqual([
        [instance('a1a3e7a536e882796aab711b730f5eb4'), 'us-east-1c'],
        [instance('7876fba49d33a268a4c611324c7ff435'), 'us-east-1b'],
        [instance('5e3e745a20e0082db274a2099d134727'), 'us-east-1c'],
      ]);
    },
  },
  {
    // "base 1 on ondemand, then 1:3": of 5 tasks, ondemand takes 1 + 1 and spot 3.
    command: '--capacity-provider-strategy capacityProvider=ondemand,base=1,weight=1',
    check: (run) => {
      expect(failuresOf(run)).toEqual([]);
      expect(count(tasksOf(run).map((t) => t.capacityProviderName))).toEqual({
        ondemand: 2,
        spot: 3,
      });
    },
  },
  {
    // "Fargate: a zone per subnet, an ENI attachment per task": two tasks, subnets in 1a and 1b.
    command: 'file://examples/requests/fargate-api.json',
    check: (run) => {
      const tasks = tasksOf(run);
      expect(tasks.map((t) => [t.launchType, t.availabilityZone])).toEqual([
        ['FARGATE', 'us-east-1a'],
        ['FARGATE', 'us-east-1b'],
      ]);
      for (const task of tasks) {
        const [eni, ...others] = task.attachments ?? [];
        expect(others).toEqual([]);
        expect(eni?.type).toBe('ElasticNetworkInterface');
        const subnet = eni?.details?.find((d) => d.name === 'subnetId')?.value;
        expect(subnet).toBe(
          task.availabilityZone === 'us-east-1a'
            ? 'subnet-0a11c0ffee0000001'
            : 'subnet-0b22c0ffee0000002',
        );
      }
    },
  },
  {
    // "Record the placement in the snapshot": the saved file holds the new task.
    command: '--cluster-state /tmp/cluster.json --task-definition worker --launch-type EC2 --save',
    check: (run) => {
      const [task] = tasksOf(run);
      const saved: Snapshot = JSON.parse(readFileSync(join(run.tmp, 'cluster.json'), 'utf8'));
      const original: Snapshot = JSON.parse(readFileSync('examples/cluster.json', 'utf8'));
      const tasks = saved.clusters.find((c) => c.clusterName === 'default')!.tasks;
      expect(tasks).toHaveLength(original.clusters[0]!.tasks.length + 1);
      expect(tasks.at(-1)!.taskArn).toBe(task!.taskArn);
      expect(tasks.at(-1)!.group).toBe('family:worker');
    },
  },
  {
    // The m5 instances (any status but INACTIVE) of us-east-1a and us-east-1b, in snapshot order.
    command: 'list-container-instances --cluster-state examples/cluster.json',
    check: (run) => {
      expect(JSON.parse(run.stdout)).toEqual({
        containerInstanceArns: [
          instance('2db5326fa18551aca075e71c17426f21'),
          instance('7876fba49d33a268a4c611324c7ff435'),
          instance('c2f7b1cfd9b4b7f3e0b4292c8e61f2b4'),
          instance('2a726362c96abab5bf35ad654e57e617'),
        ],
      });
    },
  },
  {
    // "The AWS CLI's output options: where each task went, as text, at a fixed time": one
    // tab-separated line per task, [instance, zone, createdAt], createdAt being --now's time
    // (printed in UTC: the commands run with TZ=UTC). Each web task takes host port 80, so the
    // two go to two different instances with port 80 free: not those of us-east-1a that run
    // web already, not the DRAINING one, not the one whose agent is disconnected.
    command: '--now 2026-11-30T06:30:48Z --output text',
    check: (run) => {
      const zoneOf: Record<string, string> = {
        '82ec82b44439811371a9e0be698f3d48': 'us-east-1b',
        '7876fba49d33a268a4c611324c7ff435': 'us-east-1b',
        '2a726362c96abab5bf35ad654e57e617': 'us-east-1b',
        '90cafd92cf858437633c80fb8f0654d5': 'us-east-1b',
        '5e3e745a20e0082db274a2099d134727': 'us-east-1c',
        a1a3e7a536e882796aab711b730f5eb4: 'us-east-1c',
        '7b41cb2a02809928ddb08ff9dc22aec3': 'us-east-1c',
      };
      const lines = run.stdout.split('\n');
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(2);
      const hosts = lines.map((line) => {
        const [arn, zone, createdAt, ...more] = line.split('\t');
        expect(more).toEqual([]);
        const host = arn!.slice(instance('').length);
        expect(arn).toBe(instance(host));
        expect(zone).toBe(zoneOf[host]);
        expect(createdAt).toBe('2026-11-30T06:30:48+00:00');
        return host;
      });
      expect(new Set(hosts).size).toBe(2);
    },
  },
  {
    // "a small cluster shop: paged container instances, tasks, task-definition wrappers,
    // capacity providers and subnets", all of them in the snapshot.
    command: 'snapshot import examples/aws-cli --out /tmp/my-cluster.json',
    check: (run) => {
      const snapshot: Snapshot = JSON.parse(readFileSync(join(run.tmp, 'my-cluster.json'), 'utf8'));
      expect(snapshot.clusters.map((c) => c.clusterName)).toEqual(['shop']);
      expect(snapshot.clusters[0]!.containerInstances).toHaveLength(5);
      expect(snapshot.clusters[0]!.tasks).toHaveLength(4);
      expect(snapshot.taskDefinitions.map((d) => d.family).sort()).toEqual(['web', 'worker']);
      expect(snapshot.capacityProviders).toHaveLength(3);
      expect(Object.keys(snapshot.subnets ?? {})).toHaveLength(4);
    },
  },
  {
    // "then run-task places on it": shop's web tasks run in eu-west-1a and 1b, so spread
    // sends the first new one to eu-west-1c, the only zone without one.
    command: '--cluster shop --task-definition web --count 2',
    check: (run) => {
      expect(failuresOf(run)).toEqual([]);
      const zones = tasksOf(run).map((t) => t.availabilityZone);
      expect(zones).toHaveLength(2);
      expect(zones[0]).toBe('eu-west-1c');
    },
  },
  {
    // "How many more web tasks fit": web holds host port 80; 7 ACTIVE instances with a
    // connected agent have it free (docs/what-if.md works it out).
    command:
      'headroom --cluster-state examples/cluster.json --task-definition web --launch-type EC2',
    check: (run) => {
      const answer = JSON.parse(run.stdout);
      expect(answer.total).toBe(7);
      expect(answer.binding.map((b: { check: string }) => b.check)).toEqual([
        'RESOURCE:PORTS',
        'AGENT',
      ]);
    },
  },
  {
    // "A scenario over 100 seeds": its last step asks for 10 web tasks where at most 8 fit.
    command:
      'simulate --cluster-state examples/cluster.json --scenario examples/scenarios/workers-then-web.yaml --seeds 100',
    check: (run) => {
      const answer = JSON.parse(run.stdout);
      expect([answer.seeds, answer.seedsWithFailures]).toEqual([100, 100]);
    },
  },
  {
    // "Drain an instance": its web and api tasks both find room elsewhere; the file is unchanged.
    command: 'drain --cluster-state examples/cluster.json --container-instance i-035c454e70dffe61a',
    check: (run) => {
      const answer = JSON.parse(run.stdout);
      expect([answer.replaced, answer.failed]).toEqual([2, 0]);
      expect(
        answer.after.perInstance.find(
          (i: { ec2InstanceId: string }) => i.ec2InstanceId === 'i-035c454e70dffe61a',
        ).tasks,
      ).toBe(0);
    },
  },
];

/** Runs a README command (with /tmp standing for a private directory) from the checkout. */
function run(command: string, tmp: string): Run {
  // /tmp/ first: a checkout under /tmp keeps its own path to the command.
  const shell = command
    .replaceAll('/tmp/', `${tmp}/`)
    .replace(/^(npx )?ecs-placement/, `node ${bin}`);
  const result = spawnSync('sh', ['-c', shell], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' }, // timestamps print in the local zone
  });
  expect(result.status, `${command}\n${result.stderr}`).toBe(0);
  return { stdout: result.stdout, stderr: result.stderr, tmp };
}

describe('README examples', () => {
  it('the library example is examples/plan.mjs, and prints what the README shows', () => {
    const js = blocks.find((b) => b.lang === 'js');
    const file = readFileSync('examples/plan.mjs', 'utf8');
    expect(js).toBeDefined();
    expect(file.endsWith(js!.body)).toBe(true);
    const shownAt = blocks.indexOf(js!) + 1;
    const output = execFileSync(process.execPath, ['examples/plan.mjs'], { encoding: 'utf8' });
    expect(output).toBe(blocks[shownAt]!.body);
  });

  it('every ecs-placement command in the README exits 0 and does what the README says', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'readme-'));
    copyFileSync('examples/cluster.json', join(tmp, 'cluster.json')); // the --save example's copy
    const commands = blocks
      .filter((b) => b.lang === 'sh')
      .flatMap((b) => commandsOf(b.body))
      .filter((c) => c.startsWith('npx ecs-placement') || c.startsWith('ecs-placement'));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    const checked = new Set<string>();
    for (const command of commands) {
      const documented = DOCUMENTED.filter((d) => command.includes(d.command));
      expect(documented, `one check for: ${command}`).toHaveLength(1);
      documented[0]!.check(run(command, tmp));
      checked.add(documented[0]!.command);
    }
    expect(checked.size).toBe(DOCUMENTED.length);
  });

  it('npm start prints the explanation the README shows', () => {
    const start = blocks.find((b) => b.body.includes('Placement explanation'))!;
    const command = blocks
      .filter((b) => b.lang === 'sh')
      .flatMap((b) => commandsOf(b.body))
      .find((c) => c.includes('--explain'))!;
    const { stderr } = run(command, mkdtempSync(join(tmpdir(), 'readme-')));
    // The README elides the tables ("(a table: ...)") and the later tasks ("...").
    const shown = start.body
      .split('\n')
      .map((line) => line.replace(/\s+\(a table: .*\)$/, '').trimEnd())
      .filter((line) => line !== '' && line.trim() !== '...');
    const printed = stderr.split('\n').map((line) => line.trimEnd());
    let at = 0;
    for (const line of shown) {
      const found = printed.indexOf(line, at);
      expect(found, `README line not printed (in order): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    expect(shown.length).toBeGreaterThan(10);
  });
});
