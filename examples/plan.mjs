// Plan a RunTask on the bundled example cluster, print the placement and why an instance
// was not chosen. Run with `node examples/plan.mjs` after `npm run build` in a checkout, or
// `node node_modules/ecs-placement/examples/plan.mjs` where the package is installed.
import { readFileSync } from 'node:fs';
import { Cluster, whyNot } from 'ecs-placement';

// The bundled example cluster, next to this file (also in the installed package).
const snapshot = JSON.parse(readFileSync(new URL('./cluster.json', import.meta.url), 'utf8'));
const cluster = Cluster.fromSnapshot(snapshot);

const plan = cluster.planRunTask(
  {
    taskDefinition: 'web',
    count: 2,
    placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }],
    placementStrategy: [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ],
  },
  { seed: 'readme' },
);

for (const task of plan.tasks) {
  console.log(`${task.taskArn}\n  on ${task.containerInstanceArn} in ${task.availabilityZone}`);
}
console.log(`failures: ${plan.failures.length}`);
console.log(plan.explanation.summary);

// Why did the first rejected instance not get the first task?
const [first] = plan.explanation.tasks;
if (first) {
  console.log(first.summary);
  const rejected = first.verdicts.find((v) => v.failures.length > 0);
  if (rejected) {
    for (const failure of whyNot(plan, rejected.containerInstanceArn) ?? []) {
      console.log(`${rejected.ec2InstanceId}: ${failure.reason} ${failure.detail}`);
    }
  }
}
