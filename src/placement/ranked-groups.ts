/**
 * The per-task selection of one call without rescanning every feasible candidate, for the
 * usual shape of strategies: at most one bucket rule (spread on an attribute) first, then
 * value rules (binpack, spread by instance). The feasible candidates are grouped by bucket;
 * each group keeps its best candidates under the value rules (its "leaders", in candidate
 * order). A task compares the groups (bucket load, then the leaders' keys) and takes the
 * leaders of the best groups; after a placement only the chosen candidate's group changes,
 * and it is scanned again only when its last leader got worse or infeasible.
 *
 * The ties it gives are exactly those of selectBestInOnePass (the lexicographic minimum
 * over the rules, in candidate order): the bucket load is the same for every candidate of a
 * group, and, as selectBestInOnePass assumes too, a placement changes the value keys and
 * the feasibility of the chosen candidate only (see rule-columns.ts).
 */
import type { RuleColumns } from './rule-columns.js';

/** Whether `columns` has the shape RankedGroups handles: no bucket rule after the first rule. */
export function rankedGroupsFit(columns: RuleColumns): boolean {
  for (let r = 1; r < columns.count; r++) if (columns.isBucket[r] === 1) return false;
  return true;
}

function grownInt32(buffer: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  return buffer.length >= size ? buffer : new Int32Array(Math.max(size, buffer.length * 2));
}

export class RankedGroups {
  /** Feasible indexes by group (group g at [start[g], start[g + 1])), candidate order within. */
  private members = new Int32Array(1024);
  /** Group g's leaders at [start[g], start[g] + leaderCount[g]), candidate order. */
  private leaders = new Int32Array(1024);
  /** Per feasible index: its group. */
  private groupOf = new Int32Array(1024);
  private start = new Int32Array(64);
  private leaderCount = new Int32Array(64);
  /** The groups that have members; and the best groups of the current task. */
  private used = new Int32Array(64);
  private usedCount = 0;
  private bestGroups = new Int32Array(64);
  private bestCount = 0;
  /** tieAt's position in each best group's leaders. */
  private cursor = new Int32Array(64);
  /** The chosen candidate's value keys before its placement. */
  private readonly before = new Float64Array(8);
  private columns: RuleColumns | undefined;
  private alive: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  private feasible: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** 1 when the first rule is a bucket rule (it defines the groups). */
  private firstValue = 0;
  private load: Int32Array<ArrayBufferLike> = new Int32Array(0);

  /** Groups the call's feasible candidates (all alive) and finds each group's leaders. */
  build(columns: RuleColumns, feasible: Int32Array, feasibleCount: number, alive: Uint8Array) {
    this.columns = columns;
    this.alive = alive;
    this.feasible = feasible;
    const bucketed = columns.count > 0 && columns.isBucket[0] === 1;
    this.firstValue = bucketed ? 1 : 0;
    this.load = bucketed ? columns.loads[0]! : new Int32Array(1);
    const buckets = bucketed ? columns.buckets[0]! : undefined;
    const groups = this.load.length;
    this.start = grownInt32(this.start, groups + 1);
    this.leaderCount = grownInt32(this.leaderCount, groups);
    this.used = grownInt32(this.used, groups);
    this.bestGroups = grownInt32(this.bestGroups, groups);
    this.cursor = grownInt32(this.cursor, groups);
    this.members = grownInt32(this.members, feasibleCount);
    this.leaders = grownInt32(this.leaders, feasibleCount);
    this.groupOf = grownInt32(this.groupOf, feasibleCount);
    const { start, leaderCount, members, groupOf } = this;
    start.fill(0, 0, groups + 1);
    for (let k = 0; k < feasibleCount; k++) {
      const g = buckets ? buckets[k]! : 0;
      groupOf[k] = g;
      start[g + 1]!++;
    }
    this.usedCount = 0;
    for (let g = 0; g < groups; g++) {
      if (start[g + 1]! > 0) this.used[this.usedCount++] = g;
      start[g + 1]! += start[g]!;
      leaderCount[g] = 0;
    }
    // leaderCount serves as each group's fill cursor, then holds its leader count.
    for (let k = 0; k < feasibleCount; k++) {
      const g = groupOf[k]!;
      members[start[g]! + leaderCount[g]!++] = k;
    }
    for (let u = 0; u < this.usedCount; u++) this.scanGroup(this.used[u]!);
  }

  /** `a`'s value keys against `b`'s: negative when a ranks first, 0 when tied. */
  private compare(a: number, b: number): number {
    const { count, values } = this.columns!;
    for (let r = this.firstValue; r < count; r++) {
      const column = values[r]!;
      const x = column[a]!;
      const y = column[b]!;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  }

  /** Finds group g's leaders among its candidates that can still take a task. */
  private scanGroup(g: number): void {
    const { count, values } = this.columns!;
    if (count - this.firstValue === 1) this.scanGroupByKey(g, values[this.firstValue]!);
    else this.scanGroupByRules(g);
  }

  /** scanGroup for one value rule (the usual binpack): its keys compared inline. */
  private scanGroupByKey(g: number, keys: Float64Array): void {
    const { members, leaders, alive, feasible } = this;
    const first = this.start[g]!;
    const end = this.start[g + 1]!;
    let count = 0;
    let best = 0;
    for (let m = first; m < end; m++) {
      const k = members[m]!;
      if (alive[feasible[k]!] === 0) continue;
      const key = keys[k]!;
      if (count === 0 || key < best) {
        best = key;
        leaders[first] = k;
        count = 1;
      } else if (!(key > best)) {
        // Neither better nor worse: tied (as `compare` says).
        leaders[first + count++] = k;
      }
    }
    this.leaderCount[g] = count;
  }

  private scanGroupByRules(g: number): void {
    const { members, leaders, alive, feasible } = this;
    const first = this.start[g]!;
    const end = this.start[g + 1]!;
    let count = 0;
    for (let m = first; m < end; m++) {
      const k = members[m]!;
      if (alive[feasible[k]!] === 0) continue;
      const order = count === 0 ? -1 : this.compare(k, leaders[first]!);
      if (order < 0) {
        leaders[first] = k;
        count = 1;
      } else if (order === 0) {
        leaders[first + count++] = k;
      }
    }
    this.leaderCount[g] = count;
  }

  /**
   * Finds the best groups for the next task; returns how many candidates are tied for best
   * (`tieAt` gives each, in candidate order).
   */
  select(): number {
    const { used, leaderCount, start, leaders, load, bestGroups } = this;
    let best = 0;
    let tied = 0;
    for (let u = 0; u < this.usedCount; u++) {
      const g = used[u]!;
      if (leaderCount[g] === 0) continue;
      let order: number;
      if (best === 0) {
        order = -1;
      } else {
        const top = bestGroups[0]!;
        order = load[g]! - load[top]!;
        if (order === 0) order = this.compare(leaders[start[g]!]!, leaders[start[top]!]!);
      }
      if (order < 0) {
        bestGroups[0] = g;
        best = 1;
        tied = leaderCount[g]!;
      } else if (order === 0) {
        bestGroups[best++] = g;
        tied += leaderCount[g]!;
      }
    }
    this.bestCount = best;
    return tied;
  }

  /** The n-th candidate (feasible index) tied for best by the last `select`, in candidate order. */
  tieAt(n: number): number {
    const { bestGroups, start, leaders, leaderCount } = this;
    if (this.bestCount === 1) return leaders[start[bestGroups[0]!]! + n]!;
    // The best groups' leaders merged in candidate order, up to the n-th.
    const cursor = this.cursor;
    for (let b = 0; b < this.bestCount; b++) cursor[b] = 0;
    for (;;) {
      let from = -1;
      let lowest = 0;
      for (let b = 0; b < this.bestCount; b++) {
        const g = bestGroups[b]!;
        if (cursor[b]! === leaderCount[g]!) continue;
        const k = leaders[start[g]! + cursor[b]!]!;
        if (from < 0 || k < lowest) {
          from = b;
          lowest = k;
        }
      }
      if (n-- === 0) return lowest;
      cursor[from]!++;
    }
  }

  /** Before the candidate at feasible index k receives a task: remembers its value keys. */
  beforePlacing(k: number): void {
    const { count, values } = this.columns!;
    for (let r = this.firstValue; r < count; r++) this.before[r] = values[r]![k]!;
  }

  /**
   * After the candidate at feasible index k (a leader of its group) received a task, its
   * keys refreshed and its feasibility checked again: brings its group's leaders up to date.
   */
  afterPlacing(k: number): void {
    const g = this.groupOf[k]!;
    let order = 1;
    if (this.alive[this.feasible[k]!] === 1) {
      order = 0;
      const { count, values } = this.columns!;
      for (let r = this.firstValue; r < count && order === 0; r++) {
        const now = values[r]![k]!;
        const was = this.before[r]!;
        if (now < was) order = -1;
        else if (now > was) order = 1;
      }
    }
    if (order === 0) return;
    const first = this.start[g]!;
    if (order < 0) {
      // Better than it was, so better than every other leader: it leads alone.
      this.leaders[first] = k;
      this.leaderCount[g] = 1;
      return;
    }
    const { leaders } = this;
    const count = this.leaderCount[g]!;
    const end = first + count;
    let at = first;
    while (at < end && leaders[at] !== k) at++;
    if (at === end) {
      // Not a leader (never the case through select): find the leaders again.
      this.scanGroup(g);
      return;
    }
    leaders.copyWithin(at, at + 1, end);
    this.leaderCount[g] = count - 1;
    if (count === 1) this.scanGroup(g);
  }
}
