/**
 * Intl formatters, built once per (language, zone or currency) and reused: building a DateTimeFormat costs about a
 * hundred times what formatting with it does, and every progress message, promise and SLA time formats one.
 * Bounded, since zones arrive from browsers: past MAX the oldest entry goes.
 */
const MAX = 256;

/** `make(key)` built once per key and kept, at most `max` keys (past it the oldest goes). */
export function memo<T>(make: (key: string) => T, max = MAX): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = make(key);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
      cache.set(key, v);
    }
    return v;
  };
}

const dateTimes = memo((key) => {
  const [lang, timeZone] = key.split('|') as [string, string];
  const zh = lang === 'zh-CN';
  return new Intl.DateTimeFormat(lang, {
    month: zh ? 'numeric' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short',
  });
});

/** Day, month, hour, minute and the zone's short name, in `lang` (`zh-CN` or `en-GB`) and `timeZone`. */
export function dateTimeFormat(lang: 'zh-CN' | 'en-GB', timeZone: string): Intl.DateTimeFormat {
  return dateTimes(`${lang}|${timeZone}`);
}

/** The zone's canonical IANA name, or null when Intl does not know it (memoised, the misses too). */
export const canonicalZone = memo((timeZone): string | null => {
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
});

const currencies = memo((key) => {
  const [lang, currency] = key.split('|') as [string, string];
  return new Intl.NumberFormat(lang, { style: 'currency', currency });
});

/** A currency amount format in `lang`; throws a RangeError for a currency code Intl does not accept, as Intl does. */
export function currencyFormat(lang: 'zh-CN' | 'en-GB', currency: string): Intl.NumberFormat {
  return currencies(`${lang}|${currency}`);
}

/** The plural rules of `locale` (`en`, `zh-CN`), for the catalogues' `{count, plural, …}` forms. */
export const pluralRules = memo((locale) => new Intl.PluralRules(locale));
