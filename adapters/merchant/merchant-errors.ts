/** What the merchant is told, in their language, for each refusal of the answer page and the API. */
import type { Locale } from '../../src/complaints/complaint.types.js';
import { isRedressError } from '../../src/errors.js';
import { t } from '../../src/i18n/catalog.js';
import { MAX_MERCHANT_FILES } from '../../src/merchants/merchant-files.js';
import { MAX_ANSWER_CHARS } from '../../src/merchants/merchant-requests.js';

export interface Refusal {
  status: number;
  /** Stable code for the API's JSON answer. */
  code: string;
  message: string;
  /** The link itself is the problem (not the answer): the page shows no form. */
  final: boolean;
}

/** The merchant's language: `?lang=` first, else the browser's Accept-Language. */
export function merchantLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  const wanted = typeof lang === 'string' && lang ? lang : acceptLanguage ?? '';
  return /^\s*zh/i.test(wanted) ? 'zh' : 'en';
}

export function linkRefusal(locale: Locale, reason: 'invalid' | 'expired' | 'answered'): Refusal {
  if (reason === 'expired') return { status: 410, code: 'merchant.link_expired', message: t(locale, 'merchant.error.expired'), final: true };
  if (reason === 'answered') return { status: 409, code: 'merchant.already_answered', message: t(locale, 'merchant.error.answered'), final: true };
  return { status: 403, code: 'merchant.link_invalid', message: t(locale, 'merchant.error.invalid'), final: true };
}

/** A refusal we expect (bad input, a used-up link, a multipart limit); null for anything else (a 500). */
export function refusalOf(err: unknown, locale: Locale, maxBytes: number): Refusal | null {
  const mb = Math.floor(maxBytes / 1_048_576);
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return answer(413, 'input.too_large', t(locale, 'merchant.error.file_size', { name: '', mb }).trimStart());
  if (code === 'FST_FILES_LIMIT') return answer(413, 'input.too_large', t(locale, 'merchant.error.file_count', { count: MAX_MERCHANT_FILES }));
  if (!isRedressError(err)) return null;
  if (err.code === 'merchant.already_answered') return linkRefusal(locale, 'answered');
  if (err.code === 'merchant.link_expired') return linkRefusal(locale, 'expired');
  if (err.code === 'complaint.not_found') return { ...linkRefusal(locale, 'invalid'), status: 404, code: 'complaint.not_found' };
  const reason = err.details.reason;
  const name = typeof err.details.name === 'string' ? err.details.name : '';
  if (reason === 'file_type') return answer(415, 'input.invalid', t(locale, 'merchant.error.file_type', { name }));
  if (reason === 'file_size') return answer(413, 'input.too_large', t(locale, 'merchant.error.file_size', { name, mb }));
  if (reason === 'file_count') return answer(413, 'input.too_large', t(locale, 'merchant.error.file_count', { count: MAX_MERCHANT_FILES }));
  if (err.code === 'input.too_large') return answer(400, 'input.too_large', t(locale, 'merchant.error.too_long', { max: MAX_ANSWER_CHARS }));
  if (err.code === 'input.invalid') return answer(400, 'input.invalid', t(locale, 'merchant.error.empty'));
  return null;
}

function answer(status: number, code: string, message: string): Refusal {
  return { status, code, message, final: false };
}
