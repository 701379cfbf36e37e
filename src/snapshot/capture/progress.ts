/**
 * Progress of a capture on stderr (stdout stays clean for the snapshot). On a terminal, one
 * line rewritten in place with counts; otherwise (a log, a pipe) one plain line per phase,
 * so logs stay readable.
 */

/** Where progress goes: stderr, or what a test gives. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CaptureProgress {
  /** A new phase begins: `describing container instances of shop`. */
  phase(text: string): void;
  /** Within the current phase, `done` of `total` items are done. */
  step(done: number, total: number): void;
  /** Clears the progress line (on a terminal). */
  end(): void;
}

const CLEAR_LINE = '\r\x1b[K';

export function progressOn(stream: ProgressStream, prefix: string): CaptureProgress {
  if (stream.isTTY !== true) {
    return {
      phase: (text) => stream.write(`${prefix}${text}\n`),
      step: () => undefined,
      end: () => undefined,
    };
  }
  let current = '';
  return {
    phase(text) {
      current = text;
      stream.write(`${CLEAR_LINE}${prefix}${text}`);
    },
    step(done, total) {
      stream.write(`${CLEAR_LINE}${prefix}${current} ${done}/${total}`);
    },
    end() {
      stream.write(CLEAR_LINE);
    },
  };
}

export const SILENT_PROGRESS: CaptureProgress = {
  phase: () => undefined,
  step: () => undefined,
  end: () => undefined,
};
