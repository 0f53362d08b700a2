import { WEEKDAYS, type Weekday } from '../user/user.entity.ts';

/**
 * When a user's email digest is due (PRODUCT.md §9), from their IANA time zone: the send instants
 * are `localTime` on every local day (DAILY) or on `weekday` (WEEKLY). Computed with Intl (full
 * ICU), so daylight saving changes move the UTC instant and never the local time:
 *
 * - a local time that does not exist that day (spring forward: 02:30 in Europe/Berlin on the last
 *   Sunday of March) is sent at the next valid instant, the moment the clocks jump (03:00);
 * - a local time that occurs twice (fall back) is sent once, at its first occurrence.
 *
 * Pure functions of their arguments: the clock is the caller's `now`.
 */

export interface DigestSchedule {
  frequency: 'DAILY' | 'WEEKLY';
  /** HH:MM in `timezone`. */
  localTime: string;
  /** The day of a WEEKLY digest (MONDAY when absent). */
  weekday: Weekday | null;
  /** An IANA zone name; one Intl does not know is read as UTC. */
  timezone: string;
}

export interface SendInstant {
  /** The latest send instant at or before `now`. */
  at: Date;
  /** The send instant before it (one local day or week earlier). */
  previous: Date;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A zone Intl knows, else UTC (time zones are validated when set; this guards older rows). */
export function knownZone(timezone: string): string {
  if (formatters.has(timezone)) return timezone;
  try {
    formatter(timezone);
    return timezone;
  } catch {
    return 'UTC';
  }
}

function formatter(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, format);
  }
  return format;
}

/** The local wall-clock time of `instant` in `timezone`, as milliseconds of a UTC date with those fields. */
export function wallClock(instant: number, timezone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour! % 24, fields.minute!, fields.second!);
}

/** The zone's offset from UTC at `instant`, in milliseconds (whole seconds). */
function offsetAt(instant: number, timezone: string): number {
  const second = Math.floor(instant / 1000) * 1000;
  return wallClock(second, timezone) - second;
}

/**
 * The instant at which the local clock of `timezone` shows `minutes` past midnight of local day
 * `day` (days since 1970-01-01): the first one when it shows it twice, the end of the gap when
 * it never does.
 */
export function zonedInstant(day: number, minutes: number, timezone: string): number {
  const wall = day * DAY + minutes * MINUTE;
  // Offsets change at most once around a day (no zone has two transitions within two days).
  const offsets = [...new Set([offsetAt(wall - DAY, timezone), offsetAt(wall, timezone), offsetAt(wall + DAY, timezone)])];
  const candidates = offsets.map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = candidates.filter((instant) => wallClock(instant, timezone) === wall);
  if (exact.length > 0) return exact[0]!;
  if (candidates.length < 2) return candidates[0]!;
  // In a gap: find the first minute with the later offset between the two readings.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  const before = offsetAt(lo, timezone);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (offsetAt(mid, timezone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Minutes past midnight of an HH:MM. */
export function minutesOf(localTime: string): number {
  const [hours, minutes] = localTime.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** 0 for MONDAY … 6 for SUNDAY, of local day `day` (1970-01-01 was a Thursday). */
const weekdayIndex = (day: number) => (((day + 3) % 7) + 7) % 7;

/** The latest send instant of `schedule` at or before `now`, and the one before it. */
export function latestSendInstant(schedule: DigestSchedule, now: Date): SendInstant {
  const timezone = knownZone(schedule.timezone);
  const minutes = minutesOf(schedule.localTime);
  const today = Math.floor(wallClock(now.getTime(), timezone) / DAY);
  const step = schedule.frequency === 'WEEKLY' ? 7 : 1;
  let day = today;
  if (schedule.frequency === 'WEEKLY') {
    const target = WEEKDAYS.indexOf(schedule.weekday ?? 'MONDAY');
    day -= (weekdayIndex(today) - target + 7) % 7;
  }
  let at = zonedInstant(day, minutes, timezone);
  if (at > now.getTime()) {
    day -= step;
    at = zonedInstant(day, minutes, timezone);
  }
  return { at: new Date(at), previous: new Date(zonedInstant(day - step, minutes, timezone)) };
}

/** `instant` as `YYYY-MM-DD HH:MM` on the local clock of `timezone`. */
export function formatLocal(instant: Date, timezone: string): string {
  return new Date(wallClock(instant.getTime(), knownZone(timezone))).toISOString().slice(0, 16).replace('T', ' ');
}
