/**
 * The one cookie the console sets. @fastify/cookie's static parse/serialize only work once its plugin has
 * loaded the ESM `cookie` module, and registering that plugin on a shared server can clash with another
 * adapter's registration, so these two small functions cover our single, known-safe cookie.
 */
export interface CookieOptions {
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict' | 'Lax';
  maxAgeSeconds?: number;
}

// RFC 6265 cookie-octets: our values (base64url ids with a base64 signature) never need escaping.
const SAFE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  if (!SAFE_VALUE.test(value)) throw new TypeError('cookie value has characters that need escaping');
  const parts = [`${name}=${value}`, `Path=${o.path}`, `SameSite=${o.sameSite}`];
  if (o.maxAgeSeconds !== undefined) parts.push(`Max-Age=${o.maxAgeSeconds}`);
  if (o.httpOnly) parts.push('HttpOnly');
  if (o.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The value of cookie `name` in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
