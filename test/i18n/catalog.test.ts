import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { catalogKeys, detectLocale, formatAmount, formatTime, hasKey, t, toneOf, validTimeZone, variant } from '../../src/i18n/catalog.js';

const require = createRequire(import.meta.url);
const en = require('../../src/i18n/messages.en.json') as Record<string, string>;
const zh = require('../../src/i18n/messages.zh.json') as Record<string, string>;
// A plural argument (`{count, plural, …}`) names its value like a plain `{count}`.
// A plural argument (`{count, plural, …}`) names its value like a plain `{count}`; its forms (`=0 {none}`) are text.
const placeholders = (s: string) => [...new Set([...s.matchAll(/(?<!(?:=\d+|zero|one|two|few|many|other)\s*)\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]))].sort();

describe('catalogues', () => {
  it('en and zh have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(catalogKeys('zh').sort()).toEqual(catalogKeys('en').sort());
  });

  it.each(Object.keys(en))('%s has the same {placeholders} in en and zh', (key) => {
    expect(placeholders(zh[key] ?? '')).toEqual(placeholders(en[key] ?? ''));
  });

  it('no string is empty, and zh is actually translated where en has words', () => {
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe('');
    const untranslated = Object.keys(en).filter((k) => /[a-z]{3}/i.test(en[k]?.replace(/\{\w+\}/g, '') ?? '') && zh[k] === en[k]);
    expect(untranslated).toEqual([]);
  });

  it('every tone variant has its base key', () => {
    for (const k of Object.keys(en).filter((x) => /\.(angry|anxious)$/.test(x))) expect(hasKey('en', k.replace(/\.(angry|anxious)$/, '')), k).toBe(true);
  });
});

describe('t', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'progress.cancelled', { id: 'RD-1' })).toBe('Your complaint RD-1 has been cancelled.');
    expect(t('en', 'progress.cancelled')).toBe('Your complaint {id} has been cancelled.');
    expect(t('zh', 'progress.cancelled', { id: 'RD-1' })).toBe('您的投诉 RD-1 已撤销。');
  });

  it('prefers the tone variant and falls back to the plain key, then to the key itself', () => {
    expect(t('en', 'progress.claimed', { agent: 'A', id: 'X' }, 'angry')).toBe(en['progress.claimed.angry']?.replace('{agent}', 'A').replace('{id}', 'X'));
    expect(t('en', 'progress.cancelled', { id: 'X' }, 'angry')).toBe('Your complaint X has been cancelled.');
    expect(t('zh', 'no.such.key')).toBe('no.such.key');
  });

  it('toneOf: anger wins over anxiety', () => {
    const s = (a: boolean, x: boolean) => ({ anger: { flagged: a, intensity: 5 }, anxiety: { flagged: x, intensity: 5 }, cues: [] });
    expect(toneOf(s(true, true))).toBe('angry');
    expect(toneOf(s(false, true))).toBe('anxious');
    expect(toneOf(s(false, false))).toBe('neutral');
    expect(toneOf(undefined)).toBe('neutral');
  });

  it('detectLocale', () => {
    expect(detectLocale('我的快递丢了', 'en')).toBe('zh');
    expect(detectLocale('my parcel is lost', 'zh')).toBe('en');
    expect(detectLocale('12345', 'zh')).toBe('zh');
  });
});

describe('plural forms, variants, times and amounts', () => {
  it('chooses the plural form by Intl.PluralRules, with exact matches first', () => {
    expect(t('en', 'dialog.photo_received', { count: 1 })).toBe('Got 1 photo. Send more, or press Done.');
    expect(t('en', 'dialog.photo_received', { count: 2 })).toBe('Got 2 photos. Send more, or press Done.');
    expect(t('zh', 'dialog.photo_received', { count: 2 })).toBe('已收到 2 张照片。可以继续发送，或点“完成”。');
    const summary = (photos: number) => t('en', 'dialog.summary', { category: 'c', order: 'o', description: 'd', photos, resolution: 'r' });
    expect(summary(0)).toContain('• Photos: none\n');
    expect(summary(1)).toContain('• Photos: 1 photo\n');
    expect(summary(3)).toContain('• Photos: 3 photos\n');
    expect(t('zh', 'dialog.summary', { photos: 0 })).toContain('• 照片：无\n');
  });

  it('picks one variant per seed, stable for a conversation and different across conversations', () => {
    const seeds = Array.from({ length: 40 }, (_, i) => `telegram:${i}`);
    const picked = new Set(seeds.map((s) => variant('en', 'ack.angry', s)));
    expect(picked.size).toBeGreaterThan(1);
    expect(variant('en', 'ack.angry', 'telegram:7')).toBe(variant('en', 'ack.angry', 'telegram:7'));
    for (const v of picked) expect(Object.entries(en).some(([k, x]) => k.startsWith('ack.angry.') && x === v)).toBe(true);
    expect(variant('zh', 'ack.anxious', 'w:1', { minutes: 30, time: 'T' })).toMatch(/30 分钟内/);
  });

  it('formats times one way per locale, naming the zone', () => {
    const at = Date.UTC(2026, 11, 1, 6, 12);
    expect(formatTime('en', at, 'Asia/Shanghai')).toBe('1 Dec, 14:12 (GMT+8)');
    expect(formatTime('zh', at, 'Asia/Shanghai')).toBe('12月1日 14:12（北京时间）');
    expect(formatTime('zh', at, 'Europe/Berlin')).toBe('12月1日 07:12（GMT+1）');
    expect(formatTime('en', at, 'UTC')).toBe('1 Dec, 06:12 (UTC)');
    expect(validTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(validTimeZone('Mars/Base')).toBeUndefined();
    expect(validTimeZone(undefined)).toBeUndefined();
  });

  it('formats amounts with their currency', () => {
    expect(formatAmount('en', 120, 'CNY')).toBe('CN¥120.00');
    expect(formatAmount('zh', 120, 'CNY')).toBe('¥120.00');
    expect(formatAmount('en', 35, 'EUR')).toBe('€35.00');
  });
});
