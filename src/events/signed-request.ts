/**
 * The one signing scheme Redress uses towards a platform (outgoing events, order look-ups), Stripe-like:
 * `X-Redress-Timestamp: <unix seconds>` and `X-Redress-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`.
 * Signing the timestamp with the body lets the receiver refuse replays older than a few minutes.
 *
 * @example
 * const { status } = await postSigned({ url, secret, body: JSON.stringify(event), timeoutMs: 5000, now: Date.now });
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';

export const TIMESTAMP_HEADER = 'x-redress-timestamp';
export const SIGNATURE_HEADER = 'x-redress-signature';

/** `v1=<hex>` for this timestamp (unix seconds) and raw body. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The two headers for a body signed now. */
export function signedHeaders(secret: string, body: string, now: Clock): Record<string, string> {
  const ts = Math.floor(now() / 1000);
  return { [TIMESTAMP_HEADER]: String(ts), [SIGNATURE_HEADER]: signature(secret, ts, body) };
}

/**
 * What a receiver does (also used by our tests and shown in the README): the signature matches and the
 * timestamp is within `toleranceS` of now.
 */
export function verifySignature(secret: string, headers: Record<string, string | string[] | undefined>, body: string, now: Clock, toleranceS = 300): boolean {
  const ts = Number(headers[TIMESTAMP_HEADER]);
  const given = headers[SIGNATURE_HEADER];
  if (!Number.isInteger(ts) || typeof given !== 'string') return false;
  if (Math.abs(now() / 1000 - ts) > toleranceS) return false;
  const want = Buffer.from(signature(secret, ts, body));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}

export interface SignedPost {
  url: string;
  secret: string;
  body: string;
  timeoutMs: number;
  now: Clock;
}

export interface SignedAnswer {
  status: number;
  text: string;
}

/** POSTs a signed JSON body; throws on a timeout or a network failure (the caller decides whether to retry). */
export async function postSigned(p: SignedPost): Promise<SignedAnswer> {
  const res = await fetch(p.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedHeaders(p.secret, p.body, p.now) },
    body: p.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(p.timeoutMs),
  });
  // Bounded: an answer is only read for a look-up's facts or a short error note, never streamed.
  const text = (await res.text()).slice(0, 64_000);
  return { status: res.status, text };
}
