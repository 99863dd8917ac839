import { afterEach, describe, expect, it, vi } from 'vitest';
import { dateInZone, isFutureInIndonesia, latestDateInIndonesia, todayWib } from './dates.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('latestDateInIndonesia', () => {
  it('is already tomorrow at 23:30 UTC (08:30 in Jayapura)', () => {
    expect(latestDateInIndonesia(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
  });

  it('turns at 15:00 UTC, midnight in Jayapura', () => {
    expect(latestDateInIndonesia(new Date('2026-12-01T14:59:59Z'))).toBe('2026-12-01');
    expect(latestDateInIndonesia(new Date('2026-12-01T15:00:00Z'))).toBe('2026-12-02');
  });

  it('crosses the year and leap days', () => {
    expect(latestDateInIndonesia(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(latestDateInIndonesia(new Date('2028-02-28T20:00:00Z'))).toBe('2028-02-29');
  });

  it('reads the clock when no time is given', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T23:30:00Z'));
    expect(latestDateInIndonesia()).toBe('2026-12-02');
    expect(todayWib()).toBe('2026-12-02');
    vi.setSystemTime(new Date('2026-12-01T16:30:00Z'));
    expect(latestDateInIndonesia()).toBe('2026-12-02');
    expect(todayWib()).toBe('2026-12-01');
  });
});

describe('isFutureInIndonesia', () => {
  const at = new Date('2026-12-01T23:30:00Z');
  it('accepts the date that is today in Indonesia though tomorrow in UTC', () => {
    expect(isFutureInIndonesia('2026-12-02', at)).toBe(false);
    expect(isFutureInIndonesia('2026-12-01', at)).toBe(false);
  });
  it('refuses the day after', () => {
    expect(isFutureInIndonesia('2026-12-03', at)).toBe(true);
  });
});

describe('todayWib', () => {
  it('turns at 17:00 UTC, midnight in Jakarta', () => {
    expect(todayWib(new Date('2026-12-01T16:59:59Z'))).toBe('2026-12-01');
    expect(todayWib(new Date('2026-12-01T17:00:00Z'))).toBe('2026-12-02');
  });
  it('is the same date as UTC from 07:00 WIB', () => {
    expect(todayWib(new Date('2026-12-02T00:00:00Z'))).toBe('2026-12-02');
  });
});

describe('dateInZone', () => {
  it('gives each Indonesian zone its own date around midnight', () => {
    const at = new Date('2026-12-01T15:30:00Z'); // 22:30 WIB, 23:30 WITA, 00:30 WIT
    expect(dateInZone('Asia/Jakarta', at)).toBe('2026-12-01');
    expect(dateInZone('Asia/Makassar', at)).toBe('2026-12-01');
    expect(dateInZone('Asia/Jayapura', at)).toBe('2026-12-02');
    expect(dateInZone('UTC', at)).toBe('2026-12-01');
  });
});
