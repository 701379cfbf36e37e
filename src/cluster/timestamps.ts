/**
 * Snapshot timestamps appear both as ISO strings and as epoch seconds (real `aws ecs` output
 * uses either, depending on the CLI version), so every reader goes through here.
 */

/** day, then optionally `T`/space + time, then optionally a zone (Z, +hh:mm or +hhmm). */
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * An ISO 8601 date-time or epoch seconds -> the ISO string in UTC with milliseconds, or
 * undefined when the value is not one. A date-time without a zone is UTC (JavaScript would
 * read it as local time). Only real calendar dates and clock times pass: `2024-02-30`,
 * `24:00` or a `+25:00` zone are refused, where `Date` would quietly roll them over.
 */
export function normaliseTimestamp(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const millis = Math.round(value * 1000);
    if (millis >= 0 && millis < YEAR_10000) return isoOfMillis(millis);
    const date = new Date(millis);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  if (typeof value !== 'string') return undefined;
  const parts = ISO_DATE.exec(value);
  if (!parts) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone = 'Z'] = parts;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  let offset = 'Z';
  if (zone !== 'Z') {
    const zoneHours = zone.slice(1, 3);
    const zoneMinutes = zone.slice(-2);
    if (Number(zoneHours) > 23 || Number(zoneMinutes) > 59) return undefined;
    offset = `${zone[0]}${zoneHours}:${zoneMinutes}`;
  }
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** 10000-01-01T00:00:00Z in epoch milliseconds: from there on, toISOString writes six digits. */
const YEAR_10000 = 253_402_300_800_000;
const DAY = 86_400_000;

/**
 * `new Date(millis).toISOString()` for 0 <= millis < YEAR_10000, written directly: a large
 * snapshot has one registration time per instance, and Date's formatting is most of their
 * cost. (The civil date from days since 1970, in 400-year eras, as in Howard Hinnant's
 * `civil_from_days`.)
 */
function isoOfMillis(millis: number): string {
  const days = Math.floor(millis / DAY);
  let rest = millis - days * DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const ms = rest - seconds * 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(ms, 3)}Z`;
}

function pad(value: number, digits: number): string {
  return String(value).padStart(digits, '0');
}

export function toEpochMillis(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * toEpochMillis of `iso`, the normalised form of `value` (normaliseTimestamp), without
 * reading the text again when `value` was epoch seconds.
 */
export function epochMillisOfNormalised(value: unknown, iso: string): number | undefined {
  // + 0: the same +0 that Date.parse gives for the epoch itself.
  return typeof value === 'number' ? Math.round(value * 1000) + 0 : toEpochMillis(iso);
}
