import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../src/logging/logger.js';
import { authOf, type ConsoleAuth } from './console-auth.js';
import type { ConsoleCredentialStore } from './console-credentials.js';
import type { LoginRateLimiter } from './console-rate-limit.js';
import type { ConsoleSessionStore } from './console-session.js';
import { casePage } from './console-case-page.html.js';
import { knowledgePage } from './console-kb-page.html.js';
import { loginPage, queuePage } from './console-page.html.js';
import { CATEGORIES } from '../../src/triage/triage.types.js';

export interface PageDeps {
  auth: ConsoleAuth;
  sessions: ConsoleSessionStore;
  credentials: ConsoleCredentialStore;
  limiter: LoginRateLimiter;
  logger: Logger;
  /** ISO 4217 code amounts are shown in (CURRENCY, or the default locale's). */
  currency: string;
  /** Tells supervisors that an agent's logins are being throttled (once per window per agent). */
  onThrottled?: (e: { agentId: string; failures: number; delayMs: number }) => Promise<void>;
}

const loginBody = z.object({ agentId: z.string().trim().max(64), password: z.string().max(1024) });

// Deliberately the same for an unknown agent and a wrong password: no hint which one it was.
const BAD_LOGIN = 'That agent id and password do not match. Check both and try again.';
const RATE_LIMITED = {
  address: 'Too many login attempts from your network. Wait a few minutes and try again.',
  account_address: 'Too many login attempts for this agent id from here. Wait a few minutes, log in from another device, or ask a supervisor to reset your password.',
  account_delay: 'Too many login attempts for this agent id. Wait a moment and try again.',
} as const;

function html(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** Checks origin, throttle and password, then starts a server-side session. */
async function logIn(d: PageDeps, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  d.auth.checkOrigin(req);
  const parsed = loginBody.safeParse(req.body);
  if (!parsed.success) return html(reply, loginPage(BAD_LOGIN), 400);
  const { agentId, password } = parsed.data;
  const ip = req.server.clientIp(req.raw);
  const allowed = await d.limiter.attempt(agentId, ip);
  if (!allowed.ok) {
    d.logger.warn({ agentId, ip, reason: allowed.reason }, 'console: login throttled');
    reply.header('retry-after', String(Math.ceil(allowed.retryAfterMs / 1000)));
    return html(reply, loginPage(RATE_LIMITED[allowed.reason], agentId), 429);
  }
  if (!(await d.credentials.verify(agentId, password))) {
    const f = await d.limiter.failed(agentId, ip);
    d.logger.info({ agentId, failures: f.accountFailures }, 'console: login refused');
    if (f.startedDelay) {
      d.logger.warn({ agentId, failures: f.accountFailures }, 'console: repeated failed logins; further attempts are delayed');
      await d.onThrottled?.({ agentId, failures: f.accountFailures, delayMs: f.delayMs }).catch((err: unknown) => d.logger.error({ err }, 'console: could not alert supervisors of throttled logins'));
    }
    return html(reply, loginPage(BAD_LOGIN, agentId), 401);
  }
  await d.limiter.succeeded(agentId, ip);
  const session = await d.sessions.create(agentId);
  d.auth.setCookie(reply, session);
  d.logger.info({ agentId }, 'console: agent logged in');
  return reply.redirect('/console', 303);
}

/** Login, logout and the two HTML shells (queue and case). */
export async function registerPageRoutes(scope: FastifyInstance, d: PageDeps): Promise<void> {
  scope.get('/login', async (req, reply) => {
    if (await d.auth.authenticate(req)) return reply.redirect('/console', 303);
    return html(reply, loginPage(null));
  });

  scope.post('/login', (req, reply) => logIn(d, req, reply));

  scope.post('/logout', async (req, reply) => {
    const ctx = await d.auth.authenticate(req);
    if (ctx) {
      d.auth.checkWrite(req, ctx.session);
      await d.sessions.destroy(ctx.session.id);
    }
    d.auth.clearCookie(reply);
    return reply.redirect('/console/login', 303);
  });

  scope.get('/', { preHandler: d.auth.requirePage }, async (req, reply) => {
    const { agent, session } = authOf(req);
    return html(reply, queuePage(agent, session.csrf, CATEGORIES, d.currency));
  });

  scope.get('/knowledge', { preHandler: d.auth.requirePage }, async (req, reply) => {
    const { agent, session } = authOf(req);
    return html(reply, knowledgePage(agent, session.csrf, CATEGORIES, d.currency));
  });

  scope.get<{ Params: { id: string } }>('/cases/:id', { preHandler: d.auth.requirePage }, async (req, reply) => {
    const { agent, session } = authOf(req);
    return html(reply, casePage(agent, session.csrf, req.params.id, d.currency));
  });
}
