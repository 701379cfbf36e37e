import { PlatformUnknownException } from '../api/errors.js';

/** The Linux Fargate platform versions we model; LATEST currently means 1.4.0. */
export const FARGATE_PLATFORM_VERSIONS = ['LATEST', '1.4.0', '1.3.0'] as const;
export const LATEST_FARGATE_PLATFORM_VERSION = '1.4.0';

/**
 * The concrete platform version a Fargate task runs on (ECS reports the resolved number in
 * the task, not "LATEST"). No version means LATEST; an unknown one is refused.
 */
export function resolveFargatePlatformVersion(requested: string | undefined): string {
  const version = requested ?? 'LATEST';
  if (version === 'LATEST') return LATEST_FARGATE_PLATFORM_VERSION;
  if ((FARGATE_PLATFORM_VERSIONS as readonly string[]).includes(version)) return version;
  throw new PlatformUnknownException(
    `The specified platform version '${version}' does not exist; accepted values: ` +
      `${FARGATE_PLATFORM_VERSIONS.join(', ')}.`,
  );
}

/** True when `version` is at least `minimum` (dotted numbers, missing parts are 0). */
export function platformVersionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}
