/** Reading and writing the `Resource` entries of DescribeContainerInstances. */
import { cloneData, cloneOthers } from './copy-data.js';
import type { Resource } from '../kernel/ecs-types.js';

/** Shared empty values (never written to) for instances without ports or GPUs. */
export const NO_PORTS: ReadonlySet<number> = new Set();
export const NO_GPUS: readonly string[] = Object.freeze([]);

/** What an instance's resource list says, read in one pass (see readResources). */
export interface Figures {
  cpu: number;
  memory: number;
  hasCpu: boolean;
  hasMemory: boolean;
  /** Taken ports and free GPU ids: fresh collections, or the shared empty ones. */
  tcp: ReadonlySet<number>;
  udp: ReadonlySet<number>;
  gpus: readonly string[];
}

/**
 * CPU and MEMORY (as numericResource reads them), and with `withSets` the PORTS, PORTS_UDP
 * (as portSet) and GPU sets, of a resource list in one pass; the first resource of a name
 * counts, as with the single-resource readers below.
 */
export function readResources(
  resources: readonly Resource[] | undefined,
  withSets: boolean,
): Figures {
  const figures: Figures = {
    cpu: 0,
    memory: 0,
    hasCpu: false,
    hasMemory: false,
    tcp: NO_PORTS,
    udp: NO_PORTS,
    gpus: NO_GPUS,
  };
  if (resources === undefined) return figures;
  let seenTcp = false;
  let seenUdp = false;
  let seenGpus = false;
  for (let i = 0; i < resources.length; i++) {
    const resource = resources[i]!;
    switch (resource.name) {
      case 'CPU':
        if (figures.hasCpu) break;
        figures.hasCpu = true;
        figures.cpu = numericValue(resource);
        break;
      case 'MEMORY':
        if (figures.hasMemory) break;
        figures.hasMemory = true;
        figures.memory = numericValue(resource);
        break;
      case 'PORTS':
        if (!withSets || seenTcp) break;
        seenTcp = true;
        figures.tcp = portsOf(resource.stringSetValue);
        break;
      case 'PORTS_UDP':
        if (!withSets || seenUdp) break;
        seenUdp = true;
        figures.udp = portsOf(resource.stringSetValue);
        break;
      case 'GPU':
        if (!withSets || seenGpus) break;
        seenGpus = true;
        if (resource.stringSetValue !== undefined && resource.stringSetValue.length > 0) {
          figures.gpus = resource.stringSetValue.slice();
        }
        break;
    }
  }
  return figures;
}

function numericValue(resource: Resource): number {
  // DescribeContainerInstances fills every numeric member (zeros for the unused ones).
  return resource.integerValue || resource.longValue || resource.doubleValue || 0;
}

function portsOf(texts: readonly string[] | undefined): ReadonlySet<number> {
  if (texts === undefined || texts.length === 0) return NO_PORTS;
  let ports: Set<number> | undefined;
  for (let i = 0; i < texts.length; i++) {
    const port = Number(texts[i]);
    if (!Number.isInteger(port)) continue;
    ports ??= new Set();
    ports.add(port);
  }
  return ports ?? NO_PORTS;
}

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
