/** ECS ARNs in the long format (the default for every account since April 2021). */

export interface ArnContext {
  region: string;
  accountId: string;
}

function prefix(ctx: ArnContext): string {
  return `arn:aws:ecs:${ctx.region}:${ctx.accountId}`;
}

export function clusterArn(ctx: ArnContext, clusterName: string): string {
  return `${prefix(ctx)}:cluster/${clusterName}`;
}

export function taskArn(ctx: ArnContext, clusterName: string, taskId: string): string {
  return `${prefix(ctx)}:task/${clusterName}/${taskId}`;
}

export function containerArn(
  ctx: ArnContext,
  clusterName: string,
  taskId: string,
  containerId: string,
): string {
  return `${prefix(ctx)}:container/${clusterName}/${taskId}/${containerId}`;
}

export function taskDefinitionArn(ctx: ArnContext, family: string, revision: number): string {
  return `${prefix(ctx)}:task-definition/${family}:${revision}`;
}

export function capacityProviderArn(ctx: ArnContext, name: string): string {
  return `${prefix(ctx)}:capacity-provider/${name}`;
}
