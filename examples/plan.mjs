// Plan a RunTask on the bundled example cluster, print the placement and why each instance
// was or was not chosen. Run with `node examples/plan.mjs` after `npm run build`.
import { readFileSync } from 'node:fs';
import { Cluster, whyNot } from 'ecs-placement';

const cluster = Cluster.fromSnapshot(JSON.parse(readFileSync('examples/cluster.json', 'utf8')));

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
console.log(plan.explanation.tasks[0].summary);

// Why did the first rejected instance not get the first task?
const rejected = plan.explanation.tasks[0].verdicts.find((v) => v.failures.length > 0);
for (const failure of whyNot(plan, rejected.containerInstanceArn)) {
  console.log(`${rejected.ec2InstanceId}: ${failure.reason} ${failure.detail}`);
}
