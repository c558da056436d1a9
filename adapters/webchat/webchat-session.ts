import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import { WebchatError } from './webchat.errors.js';
import type { WebchatKeys } from './webchat-keys.js';
import type { WebchatSession } from './webchat.types.js';

const ISSUER = 'redress-webchat';
const AUDIENCE = 'webchat';
/** Short on purpose: the token also authorises uploads and file reads; sockets rotate it well before it ends. */
export const TOKEN_TTL_MS = 60 * 60 * 1000;

export type TokenCheck =
  | { ok: true; session: WebchatSession; expired: boolean }
  | { ok: false; reason: 'invalid' };

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/**
 * Issues and checks widget session tokens (HS256 JWT: `sub` session id, `cid` conversation, `uid` user).
 * The server-side record makes a session revocable and lets an expired token resume within the idle window:
 * the JWT alone never grants more than an hour.
 */
export class WebchatSessions {
  private readonly key: Uint8Array;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: WebchatKeys,
    secret: string,
    private readonly idleSeconds: number,
    private readonly now: () => number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(session: WebchatSession): Promise<{ token: string; expiresAt: number }> {
    const iat = Math.floor(this.now() / 1000);
    const expiresAt = (iat * 1000) + TOKEN_TTL_MS;
    const token = await new SignJWT({ cid: session.conversationId, uid: session.userId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.sessionId).setIssuer(ISSUER).setAudience(AUDIENCE)
      .setIssuedAt(iat).setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** Signature first; an expired but genuine token is reported as such (its claims are authentic). */
  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.key, this.verifyOptions());
      return toSession(payload, false);
    } catch (err) {
      if (err instanceof errors.JWTExpired) return toSession(err.payload, true);
      return { ok: false, reason: 'invalid' };
    }
  }

  /** For HTTP routes: a live token or a WebchatError (401). */
  async require(authorization: string | undefined): Promise<WebchatSession> {
    const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new WebchatError('session.invalid', 'Missing session token: send "Authorization: Bearer <token>" from the widget.', 401);
    const checked = await this.check(token);
    if (!checked.ok) throw new WebchatError('session.invalid', 'The session token is not valid. Reload the chat to start a new session.', 401);
    if (checked.expired) throw new WebchatError('session.expired', 'The session token expired. Reconnect the chat to get a fresh one, then retry.', 401);
    return checked.session;
  }

  async save(session: WebchatSession): Promise<void> {
    await this.redis.set(this.keys.session(session.sessionId), JSON.stringify(session), 'EX', this.idleSeconds);
  }

  /** The stored session (refreshing its idle expiry), or null when it ended or was revoked. */
  async touch(sessionId: string): Promise<WebchatSession | null> {
    const key = this.keys.session(sessionId);
    const raw = await this.redis.get(key);
    if (!raw) return null;
    await this.redis.expire(key, this.idleSeconds);
    return JSON.parse(raw) as WebchatSession;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.redis.del(this.keys.session(sessionId));
  }

  private verifyOptions() {
    return { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(this.now()) };
  }
}

function toSession(payload: JWTPayload, expired: boolean): TokenCheck {
  const { sub, cid, uid } = payload;
  if (typeof sub !== 'string' || typeof cid !== 'string' || typeof uid !== 'string') return { ok: false, reason: 'invalid' };
  return { ok: true, expired, session: { sessionId: sub, conversationId: cid, userId: uid } };
}
