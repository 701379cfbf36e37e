/**
 * Identifiers of one new task, drawn from a generator seeded by the call's seed, the
 * cluster and the task's ordinal in the cluster's task list: the same seed and the same
 * cluster state always give the same ARNs, while two calls with one seed never collide
 * (the ordinal grows with every recorded task).
 *
 * The generator is small and fast on purpose (ids are drawn for every placed task): four
 * FNV-1a hashes of the key with different offsets give 128 bits of state for an sfc32-style
 * stream, so distinct keys practically never share a stream.
 */
function fnv1a(text: string, offset: number): number {
  let hash = (0x811c9dc5 ^ offset) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function word(value: number): string {
  return (
    BYTE_HEX[value >>> 24]! +
    BYTE_HEX[(value >>> 16) & 0xff]! +
    BYTE_HEX[(value >>> 8) & 0xff]! +
    BYTE_HEX[value & 0xff]!
  );
}

export class TaskIdSource {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string, clusterName: string, ordinal: number) {
    const key = `${seed}\u0000${clusterName}\u0000task#${ordinal}`;
    this.a = fnv1a(key, 0x9e3779b9);
    this.b = fnv1a(key, 0x85ebca6b);
    this.c = fnv1a(key, 0xc2b2ae35);
    this.d = fnv1a(key, 0x27d4eb2f);
    for (let i = 0; i < 12; i++) this.next(); // mix the hashes before the first draw
  }

  /** The next 32 random bits. */
  private next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** The 32-hex task id of the long ARN format. */
  taskId(): string {
    return word(this.next()) + word(this.next()) + word(this.next()) + word(this.next());
  }

  /** A UUID-shaped id (version 4 layout), as ECS uses for container ids. */
  uuid(): string {
    const a = word(this.next());
    const b = word(((this.next() & 0xffff0fff) | 0x4000) >>> 0);
    const c = word(((this.next() & 0x3fffffff) | 0x80000000) >>> 0);
    const d = word(this.next());
    return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
  }
}
