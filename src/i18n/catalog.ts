import { createRequire } from 'node:module';
import type { EmotionResult } from '../triage/triage.types.js';
import type { Locale } from '../complaints/complaint.types.js';

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
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function hasKey(locale: Locale, key: string): boolean {
  return key in CATALOGS[locale];
}

export function catalogKeys(locale: Locale): string[] {
  return Object.keys(CATALOGS[locale]);
}

/** Date-time in the consumer's language and the shop's time zone. */
export function formatTime(locale: Locale, at: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
    month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone,
  }).format(new Date(at));
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
