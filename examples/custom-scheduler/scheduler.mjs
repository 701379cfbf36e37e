// A small custom scheduler: mirror a cluster from its ECS events, decide placements locally
// with binpack, and print the StartTask calls it would make. Run it after `npm run build`:
//
//   node examples/custom-scheduler/scheduler.mjs [events.jsonl] [requests.jsonl]
//
// It reads the cluster as it was when the scheduler started (cluster.json, a snapshot), a
// recorded stream of EventBridge events (events.jsonl, one event per line, as an SQS queue
// subscribed to the cluster's events would deliver them: out of order and some twice), and
// a queue of task requests (requests.jsonl, one RunTask request per line).
// See docs/embedding.md, "The scheduler loop".
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Cluster } from 'ecs-placement';

const here = (name) => new URL(name, import.meta.url);
const eventsFile = process.argv[2] ?? here('./events.jsonl');
const requestsFile = process.argv[3] ?? here('./requests.jsonl');

const cluster = Cluster.fromSnapshot(JSON.parse(readFileSync(here('./cluster.json'), 'utf8')));
const requests = readFileSync(requestsFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

// 1. Keep the mirror in sync: apply each event as it arrives. A duplicate or an event older
//    than the state is ignored, a bad one rejected; neither changes anything.
const counts = { applied: 0, ignored: 0, rejected: 0 };
const notes = [];
const lines = createInterface({ input: createReadStream(eventsFile), crlfDelay: Infinity });
let lineNumber = 0;
for await (const line of lines) {
  lineNumber++;
  if (line.trim() === '') continue;
  let event;
  try {
    event = JSON.parse(line);
  } catch {
    event = line; // apply() reports it as malformed
  }
  const result = cluster.apply(event);
  counts[result.result]++;
  if (result.result !== 'applied')
    notes.push(`  line ${lineNumber}: ${result.result} (${result.reason}) ${result.message}`);
}
console.log(
  `events: ${counts.applied} applied, ${counts.ignored} ignored, ${counts.rejected} rejected`,
);
for (const note of notes) console.log(note);

// 2. Act on decisions through the change feed: every task a decision places becomes a
//    StartTask call. StartTask starts one task per container instance it names (up to 10),
//    so tasks that share an instance go into separate calls.
const calls = [];
cluster.onChange((change) => {
  if (change.cause !== 'runTask') return;
  for (const call of startTaskCalls(change.tasksPlaced)) calls.push(call);
});
let started = 0;

// 3. Place the queue. Each decision is a transaction of the mirror: kept when every
//    StartTask call succeeds, rolled back (the mirror as before the decision) when one fails.
for (const [i, request] of requests.entries()) {
  const decision = cluster.transaction(request.cluster);
  calls.length = 0;
  const { tasks, failures } = cluster.runTask(request, { seed: 'custom-scheduler' });
  try {
    for (const round of calls) {
      const response = await startTask(round);
      // The mirror now counts each task once, under the ARN ECS gave it.
      for (const [k, task] of response.tasks.entries()) {
        cluster.confirmTask(round.decided[k], task, request.cluster);
      }
    }
    decision.keep();
  } catch (error) {
    decision.rollback();
    console.log(`request ${i + 1}: StartTask failed (${error.message}); the decision is undone`);
    continue;
  }
  if (tasks.length < (request.count ?? 1)) {
    const reasons = failures.map((f) => `${f.reason} (${lastSegment(f.arn)})`).join(', ');
    console.log(`request ${i + 1}: ${tasks.length} of ${request.count ?? 1} placed; ${reasons}`);
  }
}

// The mirror holds each started task once, under the ARN ECS gave it.
const ours = cluster
  .toSnapshot()
  .clusters.flatMap((c) => c.tasks)
  .filter((task) => task.startedBy === 'custom-scheduler');
console.log(`mirror: ${ours.length} tasks started by custom-scheduler`);

/**
 * The StartTask requests for a decision's tasks: rounds of distinct container instances,
 * each with the ARNs of the tasks it stands for (`decided`, in the order of its instances).
 * StartTask takes names and ids as well as ARNs: the short forms read better here.
 */
function startTaskCalls(tasks) {
  const rounds = [];
  for (const task of tasks) {
    if (task.containerInstanceArn === undefined) continue;
    const instance = lastSegment(task.containerInstanceArn);
    let round = rounds.find(
      (r) =>
        r.request.taskDefinition === lastSegment(task.taskDefinitionArn) &&
        r.request.containerInstances.length < 10 &&
        !r.request.containerInstances.includes(instance),
    );
    if (!round) {
      round = {
        request: {
          cluster: lastSegment(task.clusterArn),
          taskDefinition: lastSegment(task.taskDefinitionArn),
          containerInstances: [],
          ...(task.group !== undefined ? { group: task.group } : {}),
          ...(task.startedBy !== undefined ? { startedBy: task.startedBy } : {}),
        },
        decided: [],
        tasks: [],
      };
      rounds.push(round);
    }
    round.request.containerInstances.push(instance);
    round.decided.push(task.taskArn);
    round.tasks.push(task);
  }
  return rounds;
}

/** The text after an ARN's last `/`: a cluster name, a family:revision, an instance id. */
function lastSegment(arn) {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/**
 * Where a real scheduler calls ECS: `await ecs.send(new StartTaskCommand(request))`. Here it
 * prints the request and answers as StartTask would: one task per container instance, with
 * the ARN and version ECS gives it.
 */
async function startTask(round) {
  console.log(`StartTask ${JSON.stringify(round.request)}`);
  const tasks = round.tasks.map((task) => {
    const id = (++started).toString(16).padStart(32, 'e');
    const arn = `${task.taskArn.slice(0, task.taskArn.lastIndexOf('/') + 1)}${id}`;
    return { ...task, taskArn: arn, version: 1 };
  });
  return { tasks, failures: [] };
}
