import { RedressError } from '../errors.js';

/** Largest amount a proposal may carry at all; above this, cents no longer survive a JavaScript number. */
export const MAX_AMOUNT = 999_999_999.99;

// Digits with at most two decimals: no sign, exponent, hex, spaces or thousands separators.
const DECIMAL = /^(?:0|[1-9]\d*)(?:\.\d{1,2})?$/;

/**
 * A proposal's amount, parsed strictly whatever the entry point (console JSON, a Slack number input).
 * Absent (`undefined`/`null`) or 0 means "no payment". Anything else must be a positive number with at most
 * two decimals, as a JSON number or a decimal string: `true`, `[50]`, `"0x10"`, `""`, `"1e3"`, `-5` and
 * `10.001` are refused with `input.invalid_amount` instead of being coerced (issue 9: `Number(true)` is 1).
 *
 * @example parseAmount('12.50') // 12.5
 */
export function parseAmount(raw: unknown): number {
  if (raw === undefined || raw === null) return 0;
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw : null;
  if (text === null || !DECIMAL.test(text)) throw invalid(raw, 'a positive number with at most two decimals, such as 25 or 12.50');
  const amount = Number(text);
  if (amount > MAX_AMOUNT) throw invalid(raw, `at most ${MAX_AMOUNT.toLocaleString('en')}`);
  return amount;
}

function invalid(raw: unknown, rule: string): RedressError {
  const shown = typeof raw === 'string' ? JSON.stringify(raw.slice(0, 40)) : Array.isArray(raw) ? 'a list' : typeof raw === 'number' ? String(raw) : `a ${typeof raw}`;
  return new RedressError('input.invalid_amount', `The amount ${shown} is not valid: it must be ${rule} (leave it empty for no payment).`, { field: 'amount' });
}
