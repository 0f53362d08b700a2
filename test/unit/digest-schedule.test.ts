import { describe, expect, it } from 'vitest';
import { formatLocal, latestSendInstant, zonedInstant, type DigestSchedule } from '../../src/modules/digest/digest.schedule.ts';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const at = (date: string, localTime: string, timezone: string) => {
  const [h, m] = localTime.split(':').map(Number);
  return new Date(zonedInstant(day(date), h! * 60 + m!, timezone)).toISOString();
};
const daily = (localTime: string, timezone: string): DigestSchedule => ({ frequency: 'DAILY', localTime, weekday: null, timezone });

describe('digest send instants', () => {
  it('follow the local time across daylight saving changes', () => {
    // Europe/Berlin: CET (+01) until 2026-03-29 02:00, CEST (+02) until 2026-10-25 03:00.
    expect(at('2026-03-28', '08:00', 'Europe/Berlin')).toBe('2026-03-28T07:00:00.000Z');
    expect(at('2026-03-29', '08:00', 'Europe/Berlin')).toBe('2026-03-29T06:00:00.000Z');
    expect(at('2026-10-24', '08:00', 'Europe/Berlin')).toBe('2026-10-24T06:00:00.000Z');
    expect(at('2026-10-25', '08:00', 'Europe/Berlin')).toBe('2026-10-25T07:00:00.000Z');
    expect(at('2026-03-08', '08:00', 'America/New_York')).toBe('2026-03-08T12:00:00.000Z');
    expect(at('2026-03-07', '08:00', 'America/New_York')).toBe('2026-03-07T13:00:00.000Z');
    expect(at('2026-06-01', '08:00', 'UTC')).toBe('2026-06-01T08:00:00.000Z');
    expect(at('2026-06-01', '08:00', 'Asia/Kolkata')).toBe('2026-06-01T02:30:00.000Z');
  });

  it('send a local time that does not exist at the moment the clocks jump, and one that occurs twice at its first occurrence', () => {
    // 02:30 does not exist in Berlin on 2026-03-29 (02:00 → 03:00): 03:00 CEST.
    expect(at('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
    expect(at('2026-03-29', '02:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
    expect(formatLocal(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe('2026-03-29 03:00');
    // 02:30 occurs twice in Berlin on 2026-10-25 (03:00 → 02:00): the first, in CEST.
    expect(at('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    // New York skips 02:00–03:00 on 2026-03-08 and repeats 01:00–02:00 on 2026-11-01.
    expect(at('2026-03-08', '02:15', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(at('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    // Lord Howe Island moves by 30 minutes (02:00 → 02:30 on 2026-10-04).
    expect(at('2026-10-04', '02:10', 'Australia/Lord_Howe')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('give the latest send instant at or before now, and the one before it', () => {
    const schedule = daily('08:00', 'Europe/Berlin');
    expect(latestSendInstant(schedule, new Date('2026-03-29T05:59:00Z'))).toEqual({
      at: new Date('2026-03-28T07:00:00Z'),
      previous: new Date('2026-03-27T07:00:00Z'),
    });
    expect(latestSendInstant(schedule, new Date('2026-03-29T06:00:00Z'))).toEqual({
      at: new Date('2026-03-29T06:00:00Z'),
      previous: new Date('2026-03-28T07:00:00Z'),
    });
    // Just after local midnight the latest instant is the day before's.
    expect(latestSendInstant(schedule, new Date('2026-06-09T22:30:00Z')).at).toEqual(new Date('2026-06-09T06:00:00Z'));
  });

  it('are on the given weekday for WEEKLY digests', () => {
    const weekly: DigestSchedule = { frequency: 'WEEKLY', localTime: '09:00', weekday: 'WEDNESDAY', timezone: 'America/New_York' };
    // Wednesday 2026-11-04 09:00 EST (14:00Z); the Wednesday before was in EDT.
    expect(latestSendInstant(weekly, new Date('2026-11-04T14:00:00Z'))).toEqual({
      at: new Date('2026-11-04T14:00:00Z'),
      previous: new Date('2026-10-28T13:00:00Z'),
    });
    expect(latestSendInstant(weekly, new Date('2026-11-04T13:59:00Z')).at).toEqual(new Date('2026-10-28T13:00:00Z'));
    expect(latestSendInstant(weekly, new Date('2026-11-10T12:00:00Z')).at).toEqual(new Date('2026-11-04T14:00:00Z'));
    expect(latestSendInstant({ ...weekly, weekday: 'SUNDAY' }, new Date('2026-11-04T14:00:00Z')).at).toEqual(new Date('2026-11-01T14:00:00Z'));
  });

  it('read an unknown time zone as UTC', () => {
    expect(latestSendInstant(daily('08:00', 'Not/AZone'), new Date('2026-06-01T09:00:00Z')).at).toEqual(new Date('2026-06-01T08:00:00Z'));
  });
});
