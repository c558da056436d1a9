import { timingSafeEqual } from 'node:crypto';
import { Signer } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { Agent } from '../../src/complaints/complaint.types.js';
import { readCookie, serializeCookie, type CookieOptions } from './console-cookie.js';
import { ConsoleError } from './console-errors.js';
import { SESSION_COOKIE, type ConsoleSession, type ConsoleSessionStore } from './console-session.js';

export interface AuthContext {
  session: ConsoleSession;
  agent: Agent;
}

// Per request, without widening FastifyRequest for every other plugin on the shared server.
const contexts = new WeakMap<FastifyRequest, AuthContext>();

export function authOf(req: FastifyRequest): AuthContext {
  const ctx = contexts.get(req);
  if (!ctx) throw new ConsoleError('console.unauthenticated', 401, 'Log in to use the console.');
  return ctx;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sessions and request forgery. A forged request must get past three locks: the cookie is SameSite=Strict,
 * the Origin (or Referer) must be our own, and the per-session CSRF token must come along.
 */
export class ConsoleAuth {
  private readonly signer: Signer;

  constructor(
    private readonly sessions: ConsoleSessionStore,
    private readonly agents: RedisAgentStore,
    secret: string,
    private readonly publicUrl: string | undefined,
  ) {
    this.signer = new Signer(secret);
  }

  /** Resolves the session cookie to a live session and a still-registered agent. */
  async authenticate(req: FastifyRequest): Promise<AuthContext | null> {
    const raw = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!raw) return null;
    const unsigned = this.signer.unsign(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    const session = await this.sessions.touch(unsigned.value);
    if (!session) return null;
    const agent = await this.agents.get(session.agentId);
    if (!agent) {
      await this.sessions.destroy(session.id);
      return null;
    }
    const ctx = { session, agent };
    contexts.set(req, ctx);
    return ctx;
  }

  /** preHandler for the JSON API and the event stream: 401 without a session, 403 on a forged write. */
  readonly requireApi = async (req: FastifyRequest): Promise<void> => {
    const ctx = await this.authenticate(req);
    if (!ctx) throw new ConsoleError('console.unauthenticated', 401, 'Your session has ended; log in again.');
    if (!SAFE_METHODS.has(req.method)) this.checkWrite(req, ctx.session);
  };

  /** preHandler for HTML pages: without a session, go to the login page. */
  readonly requirePage = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    if (!(await this.authenticate(req))) return reply.redirect('/console/login', 303);
  };

  checkWrite(req: FastifyRequest, session: ConsoleSession): void {
    this.checkOrigin(req);
    const body = req.body as Record<string, unknown> | undefined;
    const given = req.headers['x-csrf-token'] ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
    if (typeof given !== 'string' || !sameText(given, session.csrf)) {
      throw new ConsoleError('console.csrf', 403, 'This request is missing its security token; reload the page and try again.');
    }
  }

  /** A browser always sends Origin (or at least Referer) on a cross-site write; it must be ours. */
  checkOrigin(req: FastifyRequest): void {
    const claimed = originOf(req.headers.origin) ?? originOf(req.headers.referer);
    if (claimed === null) return;
    const own = new Set([`${req.protocol}://${req.host}`]);
    if (this.publicUrl) own.add(new URL(this.publicUrl).origin);
    if (!own.has(claimed)) throw new ConsoleError('console.csrf', 403, 'Requests from other sites are refused.');
  }

  setCookie(reply: FastifyReply, session: ConsoleSession): void {
    reply.header('set-cookie', serializeCookie(SESSION_COOKIE, this.signer.sign(session.id), this.cookieOptions()));
  }

  clearCookie(reply: FastifyReply): void {
    reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { ...this.cookieOptions(), maxAgeSeconds: 0 }));
  }

  private cookieOptions(): CookieOptions {
    const secure = this.publicUrl?.startsWith('https:') ?? false;
    return { httpOnly: true, sameSite: 'Strict', secure, path: '/console' };
  }
}

function originOf(value: string | string[] | undefined): string | null {
  if (typeof value !== 'string' || !value || value === 'null') return value === 'null' ? 'null' : null;
  try {
    return new URL(value).origin;
  } catch {
    return 'invalid';
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
