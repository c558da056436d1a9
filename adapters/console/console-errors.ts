import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isRedressError, RedressError, type RedressErrorCode } from '../../src/errors.js';
import { t } from '../../src/i18n/catalog.js';
import { redisOutageOf } from '../../src/redis/redis-availability.js';
import type { Logger } from '../../src/logging/logger.js';

/** Failures of the console itself (auth), with the HTTP status they answer; the page branches on `code`. */
export type ConsoleErrorCode = Extract<RedressErrorCode, `console.${string}`>;

export class ConsoleError extends RedressError {
  constructor(
    code: ConsoleErrorCode,
    readonly status: number,
    message: string,
  ) {
    super(code, message);
    this.name = 'ConsoleError';
  }
}

const STATUS: Partial<Record<RedressErrorCode, number>> = {
  'complaint.not_found': 404,
  'complaint.already_claimed': 409,
  'complaint.illegal_transition': 409,
  'complaint.not_owner': 403,
  'complaint.proposal_pending': 409,
  'consumer.not_owner': 403,
  'agent.not_authorised': 403,
  'agent.not_found': 404,
  'agent.over_limit': 422,
  'redis.unavailable': 503,
  'redis.full': 503,
};

export function statusFor(code: RedressErrorCode): number {
  return STATUS[code] ?? (code.startsWith('input.') ? 400 : 500);
}

// Details a browser may see; anything else a core error carries stays in the log.
const PUBLIC_DETAILS = ['id', 'owner', 'ownerName', 'amount', 'limit', 'field', 'from', 'to', 'status'];

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

function publicDetails(details: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(details).filter(([k]) => PUBLIC_DETAILS.includes(k));
  return entries.length ? Object.fromEntries(entries) : undefined;
}

export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof ConsoleError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  // Redis full or gone mid-request (a raw ioredis error or already coded): the same coded 503 as the shared hook's.
  const outage = redisOutageOf(err);
  if (outage) return { status: 503, body: { error: { code: outage.code, message: t('en', 'redis.unavailable') } } };
  if (isRedressError(err)) {
    const status = statusFor(err.code);
    const message = status < 500 ? err.message : 'Something went wrong on our side; try again.';
    return { status, body: { error: { code: err.code, message, details: status < 500 ? publicDetails(err.details) : undefined } } };
  }
  if (err instanceof z.ZodError) {
    const message = err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    return { status: 400, body: { error: { code: 'input.invalid', message } } };
  }
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === 'number' && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: { code: 'input.invalid', message: fe.message ?? 'Bad request.' } } };
  }
  return { status: 500, body: { error: { code: 'console.internal', message: 'Something went wrong on our side; try again.' } } };
}

/** One error handler for the console's routes: coded JSON for the API, logged with context when it is ours. */
export function installErrorHandler(scope: FastifyInstance, logger: Logger): void {
  scope.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) logger.error({ err, url: req.url, method: req.method }, 'console: request failed');
    else logger.debug({ code: body.error.code, url: req.url }, 'console: request refused');
    return reply.code(status).header('cache-control', 'no-store').send(body);
  });
  scope.setNotFoundHandler((req, reply) => {
    const body: ErrorBody = { error: { code: 'console.not_found', message: `Nothing at ${req.method} ${req.url.split('?')[0]}.` } };
    return reply.code(404).send(body);
  });
}

