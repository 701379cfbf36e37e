/** What `explain` reports of an expression that did not hold on an instance. */

export interface SourceSpan {
  /** Offset of the first character, 0-based. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** One comparison of an expression that did not hold on the instance. */
export interface FailingComparison {
  /** The comparison's source text, e.g. `attribute:ecs.instance-type =~ g2.*`. */
  text: string;
  span: SourceSpan;
  /** The value the instance had for the subject (`null`: it had none). */
  observed: string | null;
}
