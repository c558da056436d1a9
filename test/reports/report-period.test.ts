import { describe, expect, it } from 'vitest';
import { reportPeriod } from '../../src/reports/report-period.js';

const NOW = Date.parse('2026-03-10T15:30:00Z');
const day = (d: string) => Date.parse(`${d}T00:00:00Z`);

describe('report period', () => {
  it('defaults to the last 7 days, today included', () => {
    expect(reportPeriod({}, NOW)).toEqual({ from: day('2026-03-04'), to: day('2026-03-11'), fromDate: '2026-03-04', toDate: '2026-03-10', days: 7 });
  });

  it('takes whole UTC days, both ends inclusive', () => {
    expect(reportPeriod({ from: '2026-02-27', to: '2026-03-01' }, NOW)).toMatchObject({ from: day('2026-02-27'), to: day('2026-03-02'), days: 3 });
    expect(reportPeriod({ to: '2026-01-31' }, NOW)).toMatchObject({ fromDate: '2026-01-25', toDate: '2026-01-31' });
  });

  it('allows 92 days and refuses 93', () => {
    expect(reportPeriod({ from: '2026-01-01', to: '2026-04-02' }, NOW).days).toBe(92);
    expect(() => reportPeriod({ from: '2026-01-01', to: '2026-04-03' }, NOW)).toThrow(/93 days; reports cover at most 92/);
  });

  it.each([['2026-3-1'], ['2026-02-30'], ['yesterday'], ['2026-13-01']])('refuses %s with a clear message', (bad) => {
    expect(() => reportPeriod({ from: bad }, NOW)).toThrow(expect.objectContaining({ code: 'input.invalid', message: expect.stringContaining('YYYY-MM-DD') }));
  });

  it('refuses from after to', () => {
    expect(() => reportPeriod({ from: '2026-03-05', to: '2026-03-01' }, NOW)).toThrow(/after "to"/);
  });
});
