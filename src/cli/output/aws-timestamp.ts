/**
 * Timestamps as the AWS CLI v2 prints them (its default `cli_timestamp_format`, iso8601):
 * Python's `datetime.isoformat()` in the local time zone, e.g.
 * `2026-11-30T06:30:48.123000+00:00`: microseconds (six digits) only when not zero, and the
 * UTC offset as `+HH:MM`. The local zone is `TZ` from the environment when it names an IANA
 * zone, else the process's own.
 */

import { TASK_RESPONSE_TIMESTAMPS } from '../../kernel/timestamp-members.js';

/** A copy of `value` with every timestamp member written as the AWS CLI writes it. */
export function withCliTimestamps(value: unknown, timeZone: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => withCliTimestamps(item, timeZone));
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      TASK_RESPONSE_TIMESTAMPS.has(key) && (typeof item === 'string' || typeof item === 'number')
        ? formatTimestamp(item, timeZone)
        : withCliTimestamps(item, timeZone);
  }
  return copy;
}

/** An ISO string or epoch milliseconds as `YYYY-MM-DDTHH:MM:SS[.ffffff]+HH:MM`. */
export function formatTimestamp(
  value: string | number,
  timeZone: string | undefined,
): string | number {
  const epochMs = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(epochMs)) return value;
  const offsetMinutes = utcOffsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const micros = local.getUTCMilliseconds() * 1000;
  const fraction = micros === 0 ? '' : `.${pad(micros, 6)}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return `${date}T${time}${fraction}${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`;
}

/** Minutes to add to UTC to get the local time of `timeZone` (or of this process). */
export function utcOffsetMinutes(epochMs: number, timeZone: string | undefined): number {
  const zone = ianaZone(timeZone);
  if (zone === undefined) return -new Date(epochMs).getTimezoneOffset();
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return Math.round((wall - (epochMs - (((epochMs % 1000) + 1000) % 1000))) / 60_000);
}

/** `TZ` as an IANA zone name Intl knows (`:Europe/Paris` included), else undefined. */
function ianaZone(tz: string | undefined): string | undefined {
  const name = tz?.startsWith(':') ? tz.slice(1) : tz;
  if (!name) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}
