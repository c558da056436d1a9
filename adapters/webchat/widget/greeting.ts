import type { WidgetServerConfig } from '../webchat.protocol.js';
import { hhmm, isOpenAt, nextOpening, type BusinessHours } from './business-hours.js';
import { h } from './dom.js';
import { fill, type Strings } from './i18n.js';
import type { WidgetSettings } from './settings.js';

/**
 * The greeting shown when the widget opens, before the consumer types (issue 10, item 1): who is talking (the shop's
 * bot name), what it can do, and how long a person usually takes — outside business hours, when they are back.
 * Local to the widget and never stored: it is the same for every visit, so it needs no history entry.
 */
export function greetingLines(t: Strings, s: WidgetSettings, server: Partial<WidgetServerConfig>, now: number): string[] {
  const bot = s.botName ?? server.botName;
  const hello = s.greeting ? fill(s.greeting, { bot: bot ?? s.title ?? t.title }) : bot ? fill(t.greetHello, { bot }) : t.greetHelloNoName;
  const lines = [hello, t.greetCan];
  if (s.orderExample) lines.push(fill(t.greetOrder, { example: s.orderExample }));
  lines.push(waitLine(t, s, server, now));
  return lines;
}

function waitLine(t: Strings, s: WidgetSettings, server: Partial<WidgetServerConfig>, now: number): string {
  const usual = fill(t.greetWait, { minutes: server.firstResponseMinutes ?? 30 });
  const zone = s.hoursZone ?? server.timeZone ?? 'UTC';
  if (!s.hours || isOpenAt(s.hours, zone, now)) return usual;
  const next = nextOpening(s.hours, zone, now);
  if (!next) return usual;
  const days = t.days.split(',');
  const when = next.today ? fill(t.today, { time: next.time }) : `${days[next.day]} ${next.time}`;
  return fill(t.greetAway, { hours: describeHours(s.hours, days), zone, when });
}

/** "Mon–Fri 09:00–18:00, Sat 10:00–14:00" in the widget's language. */
export function describeHours(hours: BusinessHours, days: string[]): string {
  return hours.map((span) => {
    const first = days[span.days[0]!];
    const last = days[span.days[span.days.length - 1]!];
    return `${span.days.length > 1 ? `${first}–${last}` : first} ${hhmm(span.open)}–${hhmm(span.close)}`;
  }).join(', ');
}

export function greetingItem(t: Strings, s: WidgetSettings, lines: string[]): HTMLLIElement {
  const li = h('li', { class: 'msg greeting' }, h('div', { class: 'bubble' }, lines.join('\n')));
  if (s.privacyUrl) {
    li.appendChild(h('a', { class: 'privacy', href: s.privacyUrl, target: '_blank', rel: 'noopener noreferrer' }, t.privacy));
  }
  return li;
}
