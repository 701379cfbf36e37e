/** Reading and writing the `Resource` entries of DescribeContainerInstances. */
import { cloneData, cloneOthers } from './copy-data.js';
import type { Resource } from '../kernel/ecs-types.js';

/** The numeric value of a resource, whichever numeric member the snapshot used. */
export function numericResource(resources: readonly Resource[] | undefined, name: string): number {
  const found = resources?.find((r) => r.name === name);
  if (!found) return 0;
  // DescribeContainerInstances fills every numeric member (zeros for the unused ones).
  return found.integerValue || found.longValue || found.doubleValue || 0;
}

export function hasResource(resources: readonly Resource[] | undefined, name: string): boolean {
  return resources?.some((r) => r.name === name) ?? false;
}

export function stringSetResource(
  resources: readonly Resource[] | undefined,
  name: string,
): string[] {
  return resources?.find((r) => r.name === name)?.stringSetValue ?? [];
}

/** Port numbers of a PORTS / PORTS_UDP set; anything that is not a port number is ignored. */
export function portSet(resources: readonly Resource[] | undefined, name: string): Set<number> {
  const ports = new Set<number>();
  for (const text of stringSetResource(resources, name)) {
    const port = Number(text);
    if (Number.isInteger(port)) ports.add(port);
  }
  return ports;
}

/** Writes a numeric resource back with the member the snapshot used (INTEGER by default). */
export function withNumeric(original: Resource | undefined, name: string, value: number): Resource {
  if (!original)
    return { name, type: 'INTEGER', doubleValue: 0, integerValue: value, longValue: 0 };
  const written: Resource = cloneData(original);
  if (original.type === 'DOUBLE') written.doubleValue = value;
  else if (original.type === 'LONG') written.longValue = value;
  else written.integerValue = value;
  return written;
}

const STRING_SET = new Set(['stringSetValue']);

export function withStringSet(
  original: Resource | undefined,
  name: string,
  values: string[],
): Resource {
  return original
    ? cloneOthers({ ...original, stringSetValue: values }, STRING_SET)
    : { name, type: 'STRINGSET', stringSetValue: values };
}
