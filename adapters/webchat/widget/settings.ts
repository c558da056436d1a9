/**
 * The shop's branding and settings, read from the script tag's data attributes. Each value is checked here; a bad
 * one is ignored with a console warning for the shop owner (never injected into CSS or markup: text goes in through
 * textContent, the colour only after it matched a hex pattern, links only as http(s) URLs).
 */
import { parseBusinessHours, type BusinessHours } from './business-hours.js';

export interface WidgetSettings {
  /** Header, launcher and the consumer's bubbles; white text must be readable on it (4.5:1). */
  color?: string;
  position: 'left' | 'right';
  title?: string;
  subtitle?: string;
  launcherLabel?: string;
  botName?: string;
  /** The greeting for this locale (`data-greeting-en`/`-zh`, else `data-greeting`); `{bot}` is the bot's name. */
  greeting?: string;
  privacyUrl?: string;
  orderExample?: string;
  hours?: BusinessHours;
  /** The zone the business hours are in (`data-business-hours-zone`, else the server's TIMEZONE). */
  hoursZone?: string;
}

type Attr = (name: string) => string | null;

export function warn(message: string): void {
  console.warn(`[Redress widget] ${message}`);
}

export function readSettings(attr: Attr, locale: 'en' | 'zh'): WidgetSettings {
  const s: WidgetSettings = { position: 'right' };
  const color = attr('data-color');
  if (color !== null) {
    if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(color.trim())) warn(`data-color="${color}" ignored: use a hex colour such as #0a5c8f.`);
    else if (contrastWithWhite(color.trim()) < 4.5) warn(`data-color="${color}" ignored: white text on it would be hard to read (contrast below 4.5:1); pick a darker colour.`);
    else s.color = color.trim();
  }
  const position = attr('data-position');
  if (position !== null) {
    if (position === 'left' || position === 'right') s.position = position;
    else warn(`data-position="${position}" ignored: use left or right.`);
  }
  s.title = text(attr, 'data-title', 60);
  s.subtitle = text(attr, 'data-subtitle', 80);
  s.launcherLabel = text(attr, 'data-launcher-label', 60);
  s.botName = text(attr, 'data-bot-name', 40);
  s.greeting = text(attr, `data-greeting-${locale}`, 500) ?? text(attr, 'data-greeting', 500);
  const privacy = attr('data-privacy-url');
  if (privacy !== null) {
    if (isHttpUrl(privacy)) s.privacyUrl = privacy;
    else warn(`data-privacy-url="${privacy}" ignored: use an http(s) address.`);
  }
  const example = attr('data-order-example');
  if (example !== null) {
    if (/^[\w-]{1,40}$/.test(example)) s.orderExample = example;
    else warn(`data-order-example="${example}" ignored: letters, digits, - and _ only (at most 40).`);
  }
  const hours = attr('data-business-hours');
  if (hours !== null) {
    const parsed = parseBusinessHours(hours);
    if (parsed) s.hours = parsed;
    else warn(`data-business-hours="${hours}" ignored: use e.g. "Mon-Fri 09:00-18:00; Sat 10:00-14:00".`);
  }
  const zone = attr('data-business-hours-zone');
  if (zone !== null) {
    if (validZone(zone)) s.hoursZone = zone;
    else warn(`data-business-hours-zone="${zone}" ignored: use an IANA zone such as Asia/Shanghai.`);
  }
  return s;
}

/** Plain text, trimmed, without control characters; too long or empty is ignored with a warning. */
function text(attr: Attr, name: string, max: number): string | undefined {
  const raw = attr(name);
  if (raw === null) return undefined;
  const clean = raw.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!clean || clean.length > max) {
    warn(`${name} ignored: give 1 to ${max} characters of text.`);
    return undefined;
  }
  return clean;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value, window.location.href);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** WCAG contrast of white against a #rgb / #rrggbb colour. */
export function contrastWithWhite(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(full.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (lum + 0.05);
}
