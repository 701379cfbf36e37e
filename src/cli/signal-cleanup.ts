/**
 * While a save is under way, SIGINT, SIGTERM and SIGHUP first undo what it has left on disk
 * (its temporary file, its lock) and then end the process with the conventional status,
 * 128 + the signal number (130 for Ctrl-C, 143 for SIGTERM). SIGKILL cannot be handled: the
 * temporary file then stays (it is named `.<file>.<pid>.<random>.tmp`) and the lock is taken
 * over as stale.
 */
import { constants } from 'node:os';

export type HandledSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const HANDLED: readonly HandledSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The process, as far as signal handling goes; tests substitute their own. */
export interface SignalHost {
  on(signal: HandledSignal, listener: () => void): unknown;
  off(signal: HandledSignal, listener: () => void): unknown;
  exit(code: number): void;
}

export const processSignalHost: SignalHost = {
  on: (signal, listener) => process.on(signal, listener),
  off: (signal, listener) => process.off(signal, listener),
  exit: (code) => process.exit(code),
};

/** Runs `body`; a handled signal meanwhile runs `cleanup` (synchronously) and exits. */
export async function withSignalCleanup<T>(
  cleanup: () => void,
  body: () => Promise<T>,
  host: SignalHost = processSignalHost,
): Promise<T> {
  const listeners = HANDLED.map((signal) => {
    const listener = () => {
      for (const [s, l] of listeners) host.off(s, l);
      try {
        cleanup();
      } finally {
        host.exit(128 + constants.signals[signal]);
      }
    };
    host.on(signal, listener);
    return [signal, listener] as const;
  });
  try {
    return await body();
  } finally {
    for (const [signal, listener] of listeners) host.off(signal, listener);
  }
}
