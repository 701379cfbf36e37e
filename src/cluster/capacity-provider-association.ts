/**
 * The strategy-association rule, defined once: a capacity provider can be used in a cluster
 * (named by a capacity-provider strategy item, the RunTask request's or the cluster's
 * default, or by one of its container instances) only when it is associated with the
 * cluster, that is listed in the cluster's `capacityProviders`; a cluster that lists none
 * has none associated. FARGATE and FARGATE_SPOT exist in every account but must be
 * associated like any other provider.
 *
 * Used by the snapshot validator (which applies it only when a cluster lists its providers,
 * as a hand-written snapshot may leave the list out) and by
 * `src/capacity/validate-capacity-provider-strategy.ts` for every strategy RunTask uses.
 */
export function isAssociated(provider: string, associated: readonly string[] | undefined): boolean {
  return associated?.includes(provider) === true;
}
