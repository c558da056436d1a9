/**
 * The merchant's answer link: `<PUBLIC_URL>/merchant/r/<token>`, where the token is `<requestId>~<exp>~<mac>` —
 * exp in unix seconds, base 36; mac the first 128 bits of HMAC-SHA256(MERCHANT_LINK_SECRET, `merchant-link.<requestId>~<exp>`),
 * base64url. It names the request (and so the case) and expires at the deadline plus MERCHANT_LINK_GRACE_HOURS.
 * Short on purpose (under 80 characters): it sits in one URL path segment, which the router caps at 100. HMAC rather than a JWT because it is synchronous and deterministic: the same
 * request always gives the same link, so the console and the `merchant.asked` event derive it and nobody stores it.
 *
 * @example
 * const links = merchantLinks(config);
 * links?.link(request)  // 'https://redress.example/merchant/r/RD-20261201-0001.m1~tg9y8w~Q2xhc3NpZmllZC1zZWNy'
 * links?.verify(token)  // { ok: true, requestId: 'RD-20261201-0001.m1', complaintId: 'RD-20261201-0001' }
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';
import type { RawConfig } from '../config/config.js';
import type { MerchantRequest } from './merchant-request.types.js';
import { complaintIdOf } from './merchant-requests.js';

export type LinkCheck =
  | { ok: true; requestId: string; complaintId: string }
  | { ok: false; reason: 'invalid' | 'expired' };

export interface MerchantLinks {
  /** When a request's link (and its answer through the API) stops working. */
  expiresAt(r: Pick<MerchantRequest, 'dueAt'>): number;
  token(r: Pick<MerchantRequest, 'id' | 'dueAt'>): string;
  /** The absolute link when PUBLIC_URL is set, else the path (the agent's console is on the same host). */
  link(r: Pick<MerchantRequest, 'id' | 'dueAt'>): string;
  verify(token: string): LinkCheck;
}

export const MERCHANT_PAGE_PATH = '/merchant/r/';

/** Null without MERCHANT_LINK_SECRET: requests then carry no link (platforms answer through the API). */
export function merchantLinks(config: Pick<RawConfig, 'MERCHANT_LINK_SECRET' | 'MERCHANT_LINK_GRACE_HOURS' | 'PUBLIC_URL'>, now: Clock = systemClock): MerchantLinks | null {
  const secret = config.MERCHANT_LINK_SECRET;
  if (!secret) return null;
  const graceMs = config.MERCHANT_LINK_GRACE_HOURS * 3_600_000;
  const base = (config.PUBLIC_URL ?? '').replace(/\/+$/, '');
  const mac = (payload: string) => createHmac('sha256', secret).update(`merchant-link.${payload}`).digest().subarray(0, 16).toString('base64url');
  const expiresAt = (r: Pick<MerchantRequest, 'dueAt'>) => r.dueAt + graceMs;
  const token = (r: Pick<MerchantRequest, 'id' | 'dueAt'>) => {
    const payload = `${r.id}~${Math.floor(expiresAt(r) / 1000).toString(36)}`;
    return `${payload}~${mac(payload)}`;
  };
  return {
    expiresAt,
    token,
    link: (r) => `${base}${MERCHANT_PAGE_PATH}${token(r)}`,
    verify: (t) => verifyToken(t, mac, now),
  };
}

function verifyToken(token: string, mac: (payload: string) => string, now: Clock): LinkCheck {
  const parts = token.length <= 200 ? token.split('~') : [];
  const [requestId, exp, given] = parts;
  if (parts.length !== 3 || !requestId || !exp || !given) return { ok: false, reason: 'invalid' };
  const want = Buffer.from(mac(`${requestId}~${exp}`));
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: 'invalid' };
  const complaintId = complaintIdOf(requestId);
  const expiresS = /^[0-9a-z]{1,10}$/.test(exp) ? parseInt(exp, 36) : NaN;
  if (!complaintId || !Number.isFinite(expiresS)) return { ok: false, reason: 'invalid' };
  if (now() >= expiresS * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, requestId, complaintId };
}
