/**
 * The records of one kind gathered from every page, one per identity (ARN, name, ...).
 *
 * The same record met twice (overlapping pages, a command run twice): identical copies are
 * kept once. Copies that differ are resolved and noted: for container instances and tasks,
 * which ECS gives a `version` that grows with each change, the higher version wins; otherwise
 * (or on equal versions) the later input wins: files in the order given, a directory's files
 * in name order, stdin documents in order.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Json } from './document-kinds.js';
import { describeOrigin, type Origin } from './origin.js';

export interface Held {
  value: Json;
  origin: Origin;
}

/** Conflicts noted one by one; past this many, only counted. */
const NOTED_CONFLICTS = 5;

export class RecordSet {
  private readonly held = new Map<string, Held>();
  private conflicts = 0;
  readonly notes: string[] = [];

  constructor(private readonly what: string) {}

  add(key: string, value: Json, origin: Origin): void {
    const held = this.held.get(key);
    if (held === undefined) {
      this.held.set(key, { value, origin });
      return;
    }
    if (isDeepStrictEqual(held.value, value)) return;
    const incoming = { value, origin };
    const [kept, reason] = choose(held, incoming);
    this.held.set(key, kept);
    this.conflicts++;
    if (this.conflicts <= NOTED_CONFLICTS) {
      const dropped = kept === held ? incoming : held;
      this.notes.push(
        `${this.what} ${key} appears twice with different content: kept the one in ` +
          `${describeOrigin(kept.origin)} (${reason}) over ${describeOrigin(dropped.origin)}`,
      );
    }
  }

  get(key: string): Held | undefined {
    return this.held.get(key);
  }

  has(key: string): boolean {
    return this.held.has(key);
  }

  /** The records, in the order their identities were first met. */
  values(): Held[] {
    return [...this.held.values()];
  }

  /** Notes about conflicting copies, with a count of those not noted one by one. */
  conflictNotes(): string[] {
    const more = this.conflicts - NOTED_CONFLICTS;
    return more > 0
      ? [...this.notes, `... and ${more} more ${this.what}s with differing copies`]
      : this.notes;
  }
}

function choose(held: Held, incoming: Held): [Held, string] {
  const before = held.value['version'];
  const after = incoming.value['version'];
  if (typeof before === 'number' && typeof after === 'number' && before !== after) {
    return after > before
      ? [incoming, `version ${after} over ${before}`]
      : [held, `version ${before} over ${after}`];
  }
  return [incoming, 'the later input'];
}
