// The widget's business-hours rules (pure; the greeting's "back at" line depends on them).
import { describe, expect, it } from 'vitest';
import { isOpenAt, nextOpening, parseBusinessHours } from '../../../adapters/webchat/widget/business-hours.js';
import { describeHours } from '../../../adapters/webchat/widget/greeting.js';

// 2026-12-01 is a Tuesday.
const at = (iso: string) => Date.parse(iso);

describe('business hours', () => {
  it('parses day ranges, single days and several spans; refuses what it cannot read', () => {
    expect(parseBusinessHours('Mon-Fri 09:00-18:00; Sat 10:00-14:00')).toEqual([
      { days: [1, 2, 3, 4, 5], open: 540, close: 1080 },
      { days: [6], open: 600, close: 840 },
    ]);
    expect(parseBusinessHours('fri-mon 08:00-24:00')).toEqual([{ days: [5, 6, 0, 1], open: 480, close: 1440 }]);
    for (const bad of ['always', 'Mon-Fri 9-18', 'Mon-Fri 18:00-09:00', 'Xyz 09:00-10:00', 'Mon 09:61-10:00', '']) {
      expect(parseBusinessHours(bad)).toBeNull();
    }
  });

  it('knows whether a person is at work in the shop\'s zone, and when they are next', () => {
    const hours = parseBusinessHours('Mon-Fri 09:00-18:00')!;
    // 02:00 UTC on a Tuesday is 10:00 in Shanghai: open there, closed in UTC (opens at 09:00 today).
    expect(isOpenAt(hours, 'Asia/Shanghai', at('2026-12-01T02:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, 'UTC', at('2026-12-01T02:00:00Z'))).toBe(false);
    expect(nextOpening(hours, 'UTC', at('2026-12-01T02:00:00Z'))).toEqual({ day: 2, time: '09:00', today: true });
    // Friday 19:00 UTC: next is Monday.
    expect(nextOpening(hours, 'UTC', at('2026-12-04T19:00:00Z'))).toEqual({ day: 1, time: '09:00', today: false });
    expect(describeHours(hours, 'Sun,Mon,Tue,Wed,Thu,Fri,Sat'.split(','))).toBe('Mon–Fri 09:00–18:00');
  });
});
