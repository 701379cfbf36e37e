"""An end-to-end flow against `ecs-placement serve`, written as a Python test suite would
write it against ECS or an emulator: create a cluster, register container instances,
register a task definition, run tasks with strategies and constraints, describe them.
The endpoint's URL comes from ECS_ENDPOINT_URL."""
import json
import os
import unittest

import boto3
from botocore.exceptions import ClientError


def identity_document(n, zone):
    return json.dumps({
        "instanceId": "i-%08d" % n,
        "instanceType": "m5.large" if n < 4 else "c5.xlarge",
        "availabilityZone": zone,
        "imageId": "ami-0123456789",
        "architecture": "x86_64",
        "region": "us-east-1",
    })


class EcsPlacementFlow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ecs = boto3.client(
            "ecs",
            endpoint_url=os.environ["ECS_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        cls.ecs.create_cluster(clusterName="py")
        cls.instances = []
        for n, zone in enumerate(["us-east-1a", "us-east-1b", "us-east-1c"] * 2):
            response = cls.ecs.register_container_instance(
                cluster="py",
                instanceIdentityDocument=identity_document(n, zone),
                totalResources=[
                    {"name": "CPU", "type": "INTEGER", "integerValue": 2048},
                    {"name": "MEMORY", "type": "INTEGER", "integerValue": 4096},
                ],
                versionInfo={"agentVersion": "1.82.0", "dockerVersion": "25.0.3"},
            )
            cls.instances.append(response["containerInstance"]["containerInstanceArn"])
        cls.ecs.register_task_definition(
            family="api",
            containerDefinitions=[
                {"name": "api", "image": "example/api", "cpu": 512, "memory": 1024, "essential": True}
            ],
        )

    def test_spread_over_zones_on_one_instance_type(self):
        response = self.ecs.run_task(
            cluster="py",
            taskDefinition="api",
            count=6,
            group="zonal",
            placementConstraints=[
                {"type": "memberOf", "expression": "attribute:ecs.instance-type == m5.large"}
            ],
            placementStrategy=[
                {"type": "spread", "field": "attribute:ecs.availability-zone"},
                {"type": "binpack", "field": "memory"},
            ],
        )
        self.assertEqual(response["failures"], [])
        self.assertEqual(len(response["tasks"]), 6)
        on = [task["containerInstanceArn"] for task in response["tasks"]]
        # m5.large are instances 0..3; zones a, b, c, a: two tasks per zone.
        self.assertTrue(set(on) <= set(self.instances[:4]))
        described = self.ecs.describe_container_instances(cluster="py", containerInstances=list(set(on)))
        zones = {}
        for instance in described["containerInstances"]:
            zone = next(a["value"] for a in instance["attributes"] if a["name"] == "ecs.availability-zone")
            zones[instance["containerInstanceArn"]] = zone
        per_zone = {}
        for arn in on:
            per_zone[zones[arn]] = per_zone.get(zones[arn], 0) + 1
        self.assertEqual(per_zone, {"us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 2})
        tasks = self.ecs.describe_tasks(cluster="py", tasks=[t["taskArn"] for t in response["tasks"]])
        self.assertEqual([t["lastStatus"] for t in tasks["tasks"]], ["PENDING"] * 6)
        self.assertEqual(tasks["failures"], [])

    def test_errors_are_client_errors_with_the_ecs_code(self):
        with self.assertRaises(ClientError) as raised:
            self.ecs.run_task(cluster="nope", taskDefinition="api")
        self.assertEqual(raised.exception.response["Error"]["Code"], "ClusterNotFoundException")
        with self.assertRaises(ClientError) as raised:
            self.ecs.run_task(cluster="py", taskDefinition="api", count=11)
        self.assertEqual(raised.exception.response["Error"]["Code"], "InvalidParameterException")

    def test_failures_name_the_instances(self):
        response = self.ecs.start_task(
            cluster="py",
            taskDefinition="api",
            containerInstances=[self.instances[5], "i-unknown"],
        )
        self.assertEqual(len(response["tasks"]), 1)
        self.assertEqual(response["failures"], [{"arn": "i-unknown", "reason": "MISSING"}])


if __name__ == "__main__":
    unittest.main()
