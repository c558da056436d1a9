/**
 * Business hours from `data-business-hours="Mon-Fri 09:00-18:00; Sat 10:00-14:00"`, in one IANA zone: whether a
 * person is at work now, and when they next are (the greeting names it outside hours).
 */
export interface HoursSpan {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after midnight. */
  open: number;
  close: number;
}

export type BusinessHours = HoursSpan[];

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SPAN = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;

export function parseBusinessHours(raw: string): BusinessHours | null {
  const spans: BusinessHours = [];
  for (const part of raw.split(';').map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    const m = SPAN.exec(part);
    if (!m) return null;
    const from = DAYS.indexOf(m[1]!);
    const to = DAYS.indexOf(m[2] ?? m[1]!);
    const open = Number(m[3]) * 60 + Number(m[4]);
    const close = Number(m[5]) * 60 + Number(m[6]);
    if (from < 0 || to < 0 || open >= close || close > 24 * 60 || Number(m[4]) > 59 || Number(m[6]) > 59) return null;
    const days: number[] = [];
    for (let d = from; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === to) break;
    }
    spans.push({ days, open, close });
  }
  return spans.length ? spans : null;
}

/** Weekday and minutes after midnight at `now` in `zone`. */
function localClock(now: number, zone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: DAYS.indexOf(get('weekday').toLowerCase()), minutes: (Number(get('hour')) % 24) * 60 + Number(get('minute')) };
}

export function isOpenAt(hours: BusinessHours, zone: string, now: number): boolean {
  const { day, minutes } = localClock(now, zone);
  return hours.some((s) => s.days.includes(day) && minutes >= s.open && minutes < s.close);
}

/** The next opening after `now`: its weekday (0–6, in `zone`), time "HH:MM", and whether it is later today. */
export function nextOpening(hours: BusinessHours, zone: string, now: number): { day: number; time: string; today: boolean } | null {
  const { day, minutes } = localClock(now, zone);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const d = (day + ahead) % 7;
    const opens = hours.filter((s) => s.days.includes(d) && (ahead > 0 || s.open > minutes)).map((s) => s.open).sort((a, b) => a - b);
    if (opens.length) return { day: d, time: hhmm(opens[0]!), today: ahead === 0 };
  }
  return null;
}

export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
