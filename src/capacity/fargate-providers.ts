/**
 * The two capacity providers AWS reserves for Fargate. They exist in every account, so a
 * strategy may use them as soon as the cluster lists them; every other provider name is an
 * Auto Scaling group provider that the snapshot must describe.
 */
export const FARGATE_CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;

export type FargateCapacityProvider = (typeof FARGATE_CAPACITY_PROVIDERS)[number];

export function isFargateCapacityProvider(name: string): name is FargateCapacityProvider {
  return name === 'FARGATE' || name === 'FARGATE_SPOT';
}
