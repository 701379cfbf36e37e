// The schema keeps up with the typed snapshot shapes: every member of the interfaces of
// src/kernel/ecs-types.ts that a snapshot holds (from Snapshot down) is a property of the
// schema, so a member added to the types without the schema fails here. Interfaces the
// loader keeps as-is as a whole are listed below; the member that holds each one must still
// be described. Inline object types are checked where the schema describes their members.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type JsonObject, schema } from './snapshot-schema.js';

const TYPES = fileURLToPath(new URL('../../src/kernel/ecs-types.ts', import.meta.url));

/** Interfaces kept as they are, without a schema definition of their own (and why). */
const KEPT_AS_IS: Readonly<Record<string, string>> = {
  TaskOverride: "a task's overrides: read only for tasks waiting in PROVISIONING",
  ContainerOverride: 'inside TaskOverride',
  KeyValuePair: 'inside Attachment and ContainerOverride',
  Attachment: "a task's attachments: only an ElasticNetworkInterface type is looked for",
  Tag: 'tags are never read',
  RuntimePlatform: 'checked when a Fargate task is placed, not when loaded',
  Volume: "checked against a request's volumeConfigurations, not when loaded",
};

interface Member {
  name: string;
  type: string;
}

/** The text without comments. */
function uncommented(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

/** The text from `open` (an opening brace) to its closing brace, exclusive. */
function braced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error(`unbalanced braces at ${open}`);
}

/** The members of an interface or type-literal body: `name?: Type;` at depth 0. */
function membersOf(body: string): Member[] {
  const members: Member[] = [];
  let depth = 0;
  let start = 0;
  const flush = (end: number) => {
    const text = body.slice(start, end).trim();
    start = end + 1;
    if (text === '') return;
    const member = /^(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:\s*([\s\S]+)$/.exec(text);
    if (!member) throw new Error(`cannot read the member ${JSON.stringify(text)}`);
    members.push({ name: member[1]!, type: member[2]!.trim() });
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if ('{[(<'.includes(c)) depth++;
    else if ('}])>'.includes(c)) depth--;
    else if (depth === 0 && (c === ';' || (c === '\n' && !/^\s*\|/.test(body.slice(i + 1))))) {
      flush(i);
    }
  }
  flush(body.length);
  return members;
}

function interfacesOf(text: string): Map<string, Member[]> {
  const found = new Map<string, Member[]>();
  for (const match of text.matchAll(/export interface (\w+)[^{]*\{/g)) {
    found.set(match[1]!, membersOf(braced(text, match.index + match[0].length - 1)));
  }
  return found;
}

const INTERFACES = interfacesOf(uncommented(readFileSync(TYPES, 'utf8')));
const DEFS = schema['$defs'] as Record<string, JsonObject>;

/** The schema node `$ref` leads to, else the node itself. */
function resolved(node: JsonObject): JsonObject {
  const ref = node['$ref'];
  if (typeof ref !== 'string') return node;
  const name = /^#\/\$defs\/(\w+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : DEFS[name];
  if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
  return resolved(target);
}

/** The interfaces a type text names, e.g. `Task[]` or `{ tasks: Task[] }`. */
function named(type: string): string[] {
  return [...type.matchAll(/\b[A-Z]\w*\b/g)].map((m) => m[0]).filter((n) => INTERFACES.has(n));
}

/** Every interface a snapshot holds, from Snapshot down, except those kept as-is. */
function snapshotInterfaces(): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || name in KEPT_AS_IS) return;
    seen.add(name);
    for (const member of INTERFACES.get(name) ?? []) named(member.type).forEach(visit);
  };
  visit('Snapshot');
  return [...seen];
}

function schemaOf(name: string): JsonObject | undefined {
  return name === 'Snapshot' ? schema : DEFS[name];
}

/**
 * Members of `members` missing from the schema node `node`, as paths; an inline object
 * type is checked too when the schema describes its members (`properties`).
 */
function missing(members: readonly Member[], node: JsonObject, path: string): string[] {
  const properties = (node['properties'] ?? {}) as Record<string, JsonObject>;
  const gaps: string[] = [];
  for (const member of members) {
    const property = properties[member.name];
    if (property === undefined) {
      gaps.push(`${path}.${member.name}`);
      continue;
    }
    const literal = /^\{[\s\S]*\}(\[\])?$/.exec(member.type);
    if (!literal) continue;
    let inner = resolved(property);
    if (literal[1] !== undefined && inner['items'] !== undefined) {
      inner = resolved(inner['items'] as JsonObject);
    }
    if (inner['properties'] === undefined) continue; // kept as-is as a whole
    const body = braced(member.type, member.type.indexOf('{'));
    gaps.push(...missing(membersOf(body), inner, `${path}.${member.name}`));
  }
  return gaps;
}

describe('schema/snapshot.schema.json covers the typed snapshot shapes', () => {
  const names = snapshotInterfaces();

  it('reads the interfaces of ecs-types.ts', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'Snapshot',
        'ClusterSnapshot',
        'ContainerInstance',
        'Task',
        'TaskDefinition',
        'CapacityProvider',
        'Resource',
        'ClientTokenRecord',
        'ManagedScaling',
      ]),
    );
    expect(INTERFACES.get('Task')?.map((m) => m.name)).toContain('containerInstanceArn');
  });

  it('names only real interfaces as kept as-is', () => {
    for (const name of Object.keys(KEPT_AS_IS)) expect(INTERFACES.has(name), name).toBe(true);
  });

  it.each(names)('%s: every member is in the schema', (name) => {
    const node = schemaOf(name);
    expect(node, `no $defs.${name} in the schema`).toBeDefined();
    expect(missing(INTERFACES.get(name)!, node!, name)).toEqual([]);
  });

  it('describes every property of the shapes (for editors and readers)', () => {
    const undescribed: string[] = [];
    const shapes = Object.entries(DEFS).filter(([name]) => /^[A-Z]/.test(name));
    for (const [name, node] of [['Snapshot', schema] as const, ...shapes]) {
      const properties = (node['properties'] ?? {}) as Record<string, JsonObject>;
      for (const [key, property] of Object.entries(properties)) {
        if (
          property['description'] === undefined &&
          resolved(property)['description'] === undefined
        ) {
          undescribed.push(`${name}.${key}`);
        }
      }
    }
    expect(undescribed).toEqual([]);
  });
});
