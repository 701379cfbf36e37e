import seedrandom from 'seedrandom';

/**
 * Identifiers of one new task, drawn from a generator seeded by the call's seed, the
 * cluster and the task's ordinal in the cluster's task list: the same seed and the same
 * cluster state always give the same ARNs, while two calls with one seed never collide
 * (the ordinal grows with every recorded task).
 */
export class TaskIdSource {
  private readonly next: () => number;

  constructor(seed: string, clusterName: string, ordinal: number) {
    this.next = seedrandom(`${seed}\u0000${clusterName}\u0000task#${ordinal}`);
  }

  private hex(digits: number): string {
    let text = '';
    while (text.length < digits) {
      text += Math.floor(this.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0');
    }
    return text.slice(0, digits);
  }

  /** The 32-hex task id of the long ARN format. */
  taskId(): string {
    return this.hex(32);
  }

  /** A UUID-shaped id (version 4 layout), as ECS uses for container ids. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
