import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { catalogKeys, detectLocale, hasKey, t, toneOf } from '../../src/i18n/catalog.js';

const require = createRequire(import.meta.url);
const en = require('../../src/i18n/messages.en.json') as Record<string, string>;
const zh = require('../../src/i18n/messages.zh.json') as Record<string, string>;
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

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
