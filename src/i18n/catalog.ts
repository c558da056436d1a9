import { createRequire } from 'node:module';
import type { EmotionResult } from '../triage/triage.types.js';
import type { Locale } from '../complaints/complaint.types.js';
import { plural } from './plural.js';
import { canonicalZone, currencyFormat, dateTimeFormat, memo } from './intl-formats.js';

// JSON via require: import attributes differ across Node 20/22/24, require is stable.
const require = createRequire(import.meta.url);
const CATALOGS: Record<Locale, Record<string, string>> = {
  en: require('./messages.en.json') as Record<string, string>,
  zh: require('./messages.zh.json') as Record<string, string>,
};

export type Tone = 'angry' | 'anxious' | 'neutral';

/** Anger wins over anxiety: an angry consumer needs acknowledgement before a plan. */
export function toneOf(emotion: EmotionResult | undefined): Tone {
  if (emotion?.anger.flagged) return 'angry';
  if (emotion?.anxiety.flagged) return 'anxious';
  return 'neutral';
}

/**
 * Looks up `key` in the locale's catalogue (trying `key.<tone>` first) and fills `{name}` placeholders.
 * Falls back to English, then to the key itself, so a missing string is visible but never fatal.
 *
 * @example
 * t('zh', 'progress.claimed', { agent: 'Ling', id: 'RD-20261124-0042' }, 'angry')
 */
export function t(locale: Locale, key: string, vars: Record<string, string | number> = {}, tone: Tone = 'neutral'): string {
  const cat = CATALOGS[locale] ?? CATALOGS.en;
  const keys = tone === 'neutral' ? [key] : [`${key}.${tone}`, key];
  const template = keys.map((k) => cat[k] ?? CATALOGS.en[k]).find((x) => x !== undefined) ?? key;
  return fill(locale, template, vars);
}

/** Plural forms first (`{count, plural, one {…} other {…}}`), then `{name}` placeholders. */
function fill(locale: Locale, template: string, vars: Record<string, string | number>): string {
  const withPlurals = template.includes(', plural,') ? plural(locale === 'zh' ? 'zh-CN' : 'en', template, vars) : template;
  return withPlurals.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/**
 * One of the numbered variants `key.1`, `key.2`… of a message, picked by `seed` (the conversation id), so one
 * consumer hears the same voice throughout while different consumers do not all get one fixed sentence, and tests
 * are stable. Falls back to `t(key)` when the catalogue has no variants.
 *
 * @example
 * variant('en', 'ack.angry', 'telegram:42') // 'I'm really sorry — that's not the experience you should have had.'
 */
export function variant(locale: Locale, key: string, seed: string, vars: Record<string, string | number> = {}): string {
  const cat = CATALOGS[locale] ?? CATALOGS.en;
  let n = 0;
  while (cat[`${key}.${n + 1}`] !== undefined) n++;
  if (!n) return t(locale, key, vars);
  return fill(locale, cat[`${key}.${(fnv1a(seed) % n) + 1}`]!, vars);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function hasKey(locale: Locale, key: string): boolean {
  return key in CATALOGS[locale];
}

export function catalogKeys(locale: Locale): string[] {
  return Object.keys(CATALOGS[locale]);
}

/**
 * A promised time or a timestamp, one format per locale (en "1 Dec, 14:12", zh "12月1日 14:12", 24-hour), in
 * `timeZone`, always named ("1 Dec, 14:12 (GMT+8)", "12月1日 14:12（北京时间）"): the shop's zone read as local would
 * mislead, and even the consumer's own zone (the widget sends the browser's) is named, so a traveller or a wrong
 * device clock shows at once which clock the promise is on (issue 10).
 */
export function formatTime(locale: Locale, at: number, timeZone: string): string {
  // Shown to the minute, so one minute's text serves every time in it: a confirm formats several deadlines, and a
  // busy minute's consumers share them (formatToParts is the costly part).
  return minuteTexts(`${locale}|${timeZone}|${Math.floor(at / 60_000)}`);
}

const minuteTexts = memo((key) => {
  const [locale, timeZone, minute] = key.split('|') as [Locale, string, string];
  return formatMinute(locale, Number(minute) * 60_000, timeZone);
}, 512);

function formatMinute(locale: Locale, at: number, timeZone: string): string {
  const zh = locale === 'zh';
  const parts = dateTimeFormat(zh ? 'zh-CN' : 'en-GB', timeZone).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${part('hour')}:${part('minute')}`;
  const text = zh ? `${part('month')}月${part('day')}日 ${time}` : `${part('day')} ${part('month')}, ${time}`;
  if (zh) return `${text}（${timeZone === 'Asia/Shanghai' ? '北京时间' : part('timeZoneName')}）`;
  return `${text} (${part('timeZoneName')})`;
}

/** The consumer's zone when it is a real IANA zone (it arrives from a browser), else undefined. */
export function validTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone || timeZone.length > 64) return undefined;
  return canonicalZone(timeZone) ?? undefined;
}

/** An amount with its currency in the consumer's language ("¥120.00", "CN¥120.00" / "US$35.00"). */
export function formatAmount(locale: Locale, amount: number, currency: string): string {
  return currencyFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', currency).format(amount);
}

/**
 * Chinese script in the text → zh. Used when the consumer has not chosen a language. Words with digits in them
 * (order numbers such as MM-240815-002, tracking codes, case ids) say nothing about the language, so they are ignored.
 */
export function detectLocale(text: string, fallback: Locale): Locale {
  const han = (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const words = text.split(/[\s,，、;；:：()（）]+/).filter((w) => !/\d/.test(w)).join(' ');
  const latin = (words.match(/[A-Za-z]/g) ?? []).length;
  if (han > 0 && han * 2 >= latin / 2) return 'zh';
  if (latin > 0) return 'en';
  return fallback;
}
