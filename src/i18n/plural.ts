import { pluralRules } from './intl-formats.js';

/**
 * The one piece of ICU MessageFormat the catalogues use: `{count, plural, one {# photo} other {# photos}}`.
 * Forms are chosen with Intl.PluralRules for the locale (`=0`, `=1`… exact matches first, `other` as the
 * fallback); `#` is the number. Plain `{name}` placeholders inside a form are filled by the caller afterwards.
 *
 * @example
 * plural('en', 'Got {count, plural, one {# photo} other {# photos}}.', { count: 2 }) // 'Got 2 photos.'
 */
export function plural(locale: string, template: string, vars: Record<string, string | number>): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = template.indexOf('{', i);
    const head = start < 0 ? null : /^\{(\w+),\s*plural,\s*/.exec(template.slice(start));
    if (start < 0) return out + template.slice(i);
    if (!head) {
      out += template.slice(i, start + 1);
      i = start + 1;
      continue;
    }
    const { forms, end } = readForms(template, start + head[0].length);
    const n = Number(vars[head[1]!] ?? 0);
    const rule = pluralRules(locale).select(n);
    const form = forms.get(`=${n}`) ?? forms.get(rule) ?? forms.get('other') ?? '';
    out += template.slice(i, start) + form.replace(/#/g, String(n));
    i = end;
  }
}

/** Reads `one {…} other {…}}` from `from`; returns the forms and the index after the closing brace. */
function readForms(s: string, from: number): { forms: Map<string, string>; end: number } {
  const forms = new Map<string, string>();
  let i = from;
  while (i < s.length) {
    while (s[i] === ' ') i++;
    if (s[i] === '}') return { forms, end: i + 1 };
    const sel = /^(=?\w+)\s*\{/.exec(s.slice(i));
    if (!sel) break;
    i += sel[0].length;
    let depth = 1;
    const bodyStart = i;
    while (i < s.length && depth > 0) {
      if (s[i] === '{') depth++;
      if (s[i] === '}') depth--;
      i++;
    }
    forms.set(sel[1]!, s.slice(bodyStart, i - 1));
  }
  return { forms, end: s.length };
}
