/**
 * `--now TIME`: the clock of the run (the tasks' `createdAt`, the 24 hours a clientToken is
 * remembered), so the same seed, request and time print the same bytes. TIME is ISO 8601
 * (`2026-11-30`, `2026-11-30T06:30:48Z`, `2026-11-30T07:30:48.5+01:00`; without an offset,
 * UTC) or epoch seconds (`1795933848`, `1795933848.123`); finer than a millisecond is
 * rounded to the millisecond.
 */
import { UsageError } from './usage-error.js';

const EPOCH_SECONDS = /^-?\d+(?:\.\d+)?$/;
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/** Epoch milliseconds of `text`; a UsageError when it is neither form. */
export function parseNow(text: string): number {
  const value = text.trim();
  if (EPOCH_SECONDS.test(value)) {
    const ms = Math.round(Number(value) * 1000);
    if (isValidTime(ms)) return ms;
  }
  const match = ISO_8601.exec(value);
  if (match) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', , sign, oh = '0', om = '0'] = match;
    const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)];
    const [year, month, day, hour, minute, second] = fields as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const ms = Math.round(Number(`0.${frac || '0'}`) * 1000);
    const local = Date.UTC(year, month - 1, day, hour, minute, second) + ms;
    const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    const exists =
      check.getUTCFullYear() === year &&
      check.getUTCMonth() === month - 1 &&
      check.getUTCDate() === day &&
      hour < 24 &&
      minute < 60 &&
      second < 60 &&
      Number(oh) < 24 &&
      Number(om) < 60;
    const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
    const epochMs = local - offset;
    if (exists && isValidTime(epochMs)) return epochMs;
  }
  throw new UsageError(
    `argument --now: invalid time '${text}': expected ISO 8601 (e.g. 2026-11-30T06:30:48Z) or epoch seconds (e.g. 1795933848)`,
  );
}

function isValidTime(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}
