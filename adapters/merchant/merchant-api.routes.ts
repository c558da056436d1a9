import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { verifySignature } from '../../src/events/signed-request.js';
import type { Logger } from '../../src/logging/logger.js';
import type { MerchantAnswers } from '../../src/merchants/merchant-answers.js';
import { MAX_MERCHANT_FILES } from '../../src/merchants/merchant-files.js';
import { MAX_ANSWER_CHARS } from '../../src/merchants/merchant-requests.js';
import { refusalOf } from './merchant-errors.js';

export interface MerchantApiDeps {
  answers: MerchantAnswers;
  /** MERCHANT_API_SECRET. */
  secret: string;
  maxBytes: number;
  now: () => number;
  logger: Logger;
}

/** How far a request's timestamp may be from our clock: older (or replayed) bodies are refused. */
const TOLERANCE_S = 300;

const body = z.object({
  requestId: z.string().min(1).max(80),
  text: z.string().max(MAX_ANSWER_CHARS * 2),
  files: z.array(z.object({
    name: z.string().min(1).max(200),
    contentType: z.string().max(100),
    base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'standard base64'),
  }).strict()).max(MAX_MERCHANT_FILES).default([]),
}).strict();

/**
 * `POST /api/merchant/answers`, for platforms that integrate: the same answer as the page, signed like every
 * platform call (`X-Redress-Timestamp`, `X-Redress-Signature: v1=<hex HMAC-SHA256 of "<ts>.<raw body>">` with
 * MERCHANT_API_SECRET). The signature is checked on the raw body before it is parsed; a timestamp more than
 * five minutes off is refused, and a request answers once, so a replay gets 401 or 409, never a second answer.
 */
export async function registerMerchantApiRoutes(scope: FastifyInstance, d: MerchantApiDeps): Promise<void> {
  // base64 is 4/3 of the bytes; the JSON around it is small.
  const bodyLimit = MAX_MERCHANT_FILES * Math.ceil((d.maxBytes * 4) / 3) + 64 * 1024;
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_req, raw, done) => done(null, raw));

  scope.post('/api/merchant/answers', { bodyLimit }, async (req, reply) => {
    const raw = typeof req.body === 'string' ? req.body : '';
    if (!verifySignature(d.secret, req.headers, raw, d.now, TOLERANCE_S)) {
      return fail(reply, 401, 'merchant.bad_signature', 'The signature or timestamp is wrong: sign "<X-Redress-Timestamp>.<raw body>" with MERCHANT_API_SECRET (HMAC-SHA256, hex, "v1=" prefix) within 5 minutes of now.');
    }
    const parsed = body.safeParse(parseJson(raw));
    if (!parsed.success) {
      const why = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      return fail(reply, 400, 'input.invalid', `The body is not {requestId, text, files?: [{name, contentType, base64}]}: ${why}.`);
    }
    const { requestId, text, files } = parsed.data;
    try {
      const r = await d.answers.answer(requestId, { text, files: files.map((f) => ({ name: f.name, bytes: Buffer.from(f.base64, 'base64') })), via: 'api' });
      return reply.code(201).send({ requestId: r.id, answeredAt: new Date(r.answer!.at).toISOString(), files: r.answer!.files.length });
    } catch (err) {
      const refusal = refusalOf(err, 'en', d.maxBytes);
      if (!refusal) {
        d.logger.error({ err: (err as Error).message, requestId }, 'merchant api: answer could not be stored');
        return fail(reply, 500, 'server.error', 'The answer could not be stored; nothing was kept. Retry with a fresh timestamp.');
      }
      const message = refusal.code === 'complaint.not_found' ? `No merchant request ${requestId}.` : refusal.message;
      return fail(reply, refusal.status, refusal.code, message);
    }
  });
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function fail(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}
