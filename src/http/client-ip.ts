/**
 * The one rule that says which address a request comes from. Every per-address limit (widget connections,
 * messages and uploads, console logins) and fastify's own `request.ip` use it, so a forged `X-Forwarded-For`
 * can neither buy extra quota nor charge a victim's address unless the deployment says which proxies to believe.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/**
 * `TRUST_PROXY`, as fastify's `trustProxy` takes it: `false` (the socket peer is the client), a hop count (that
 * many proxies in front of us are believed), or the addresses / CIDRs of the proxies to believe.
 */
export type TrustProxySetting = false | number | string[];

/** `(address, hop)` → true when that hop is a proxy we believe; hop 0 is the socket peer. */
export type TrustFunction = (addr: string, hop: number) => boolean;

/** The same function fastify builds from the same setting (lib/request.js `getTrustProxyFn`). */
export function trustFunction(setting: TrustProxySetting): TrustFunction {
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_addr, hop) => hop < setting;
  return proxyAddr.compile(setting);
}

/**
 * The client's address: the socket peer, or, walking `X-Forwarded-For` from the right, the first address that is
 * not a trusted proxy. Takes the raw request so the WebSocket upgrade (which never becomes a fastify request)
 * gets the same answer as a route.
 */
export function clientIp(req: IncomingMessage, trust: TrustFunction): string {
  if (!req.socket.remoteAddress) return 'unknown';
  return proxyAddr(req, trust);
}

/**
 * Parses `TRUST_PROXY`: empty / `false` / `off` / `0` → false; a whole number → hop count; otherwise a comma-separated
 * list of addresses, CIDRs or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`). Throws on anything else.
 */
export function parseTrustProxy(raw: string): TrustProxySetting {
  const s = raw.trim().toLowerCase();
  if (s === '' || s === 'false' || s === 'off' || s === '0') return false;
  if (s === 'true') throw new Error('`true` would believe any client\'s X-Forwarded-For; give the number of proxies in front of Redress or their addresses');
  if (/^\d+$/.test(s)) return Number(s);
  const list = s.split(',').map((x) => x.trim()).filter(Boolean);
  proxyAddr.compile(list); // throws "invalid IP address: …" on a bad entry
  return list;
}
