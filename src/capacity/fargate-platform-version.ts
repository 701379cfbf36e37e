import {
  PlatformTaskDefinitionIncompatibilityException,
  PlatformUnknownException,
} from '../kernel/errors.js';

/**
 * The Fargate platform versions we model, per operating system (developer guide, "Fargate
 * platform versions": "The LATEST Linux platform version is 1.4.0. The LATEST Windows
 * platform version is 1.0.0.").
 */
export const FARGATE_PLATFORM_VERSIONS = {
  LINUX: ['1.4.0', '1.3.0'],
  WINDOWS: ['1.0.0'],
} as const satisfies Record<'LINUX' | 'WINDOWS', readonly string[]>;

export const LATEST_FARGATE_PLATFORM_VERSION = '1.4.0';
export const LATEST_WINDOWS_FARGATE_PLATFORM_VERSION = '1.0.0';

const LATEST = {
  LINUX: LATEST_FARGATE_PLATFORM_VERSION,
  WINDOWS: LATEST_WINDOWS_FARGATE_PLATFORM_VERSION,
};
const OS_NAME = { LINUX: 'Linux', WINDOWS: 'Windows' };

/**
 * The concrete platform version a Fargate task runs on (ECS reports the resolved number in
 * the task, not "LATEST"). No version means LATEST. A version Fargate has for neither
 * operating system is a PlatformUnknownException; one that exists only for the other
 * operating system (1.4.0 for a Windows task, 1.0.0 for a Linux one) is a
 * PlatformTaskDefinitionIncompatibilityException.
 */
export function resolveFargatePlatformVersion(
  requested: string | undefined,
  os: 'LINUX' | 'WINDOWS' = 'LINUX',
): string {
  const version = requested ?? 'LATEST';
  if (version === 'LATEST') return LATEST[os];
  if ((FARGATE_PLATFORM_VERSIONS[os] as readonly string[]).includes(version)) return version;
  const accepted = `LATEST, ${FARGATE_PLATFORM_VERSIONS[os].join(', ')}`;
  const other = os === 'LINUX' ? 'WINDOWS' : 'LINUX';
  if ((FARGATE_PLATFORM_VERSIONS[other] as readonly string[]).includes(version)) {
    throw new PlatformTaskDefinitionIncompatibilityException(
      `Platform version '${version}' is a ${OS_NAME[other]} platform version; the task ` +
        `definition runs ${OS_NAME[os]} containers, whose platform versions are: ${accepted}.`,
    );
  }
  throw new PlatformUnknownException(
    `The specified platform version '${version}' does not exist; accepted values for ` +
      `${OS_NAME[os]} tasks: ${accepted}.`,
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
