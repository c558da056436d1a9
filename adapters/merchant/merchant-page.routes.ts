import { randomBytes } from 'node:crypto';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../src/complaints/complaint.types.js';
import { formatTime, t } from '../../src/i18n/catalog.js';
import type { Logger } from '../../src/logging/logger.js';
import type { MerchantAnswers } from '../../src/merchants/merchant-answers.js';
import { MAX_MERCHANT_FILES, refuseFile, type IncomingFile } from '../../src/merchants/merchant-files.js';
import type { MerchantLinks } from '../../src/merchants/merchant-link.js';
import { answerPage, messagePage } from './merchant-page.html.js';
import { linkRefusal, merchantLocale, refusalOf, type Refusal } from './merchant-errors.js';
import type { MerchantRateLimit } from './merchant-rate-limit.js';

export interface MerchantPageDeps {
  answers: MerchantAnswers;
  links: MerchantLinks;
  limit: MerchantRateLimit;
  /** UPLOAD_MAX_BYTES: the largest file. */
  maxBytes: number;
  /** TIMEZONE: the deadline is shown in it, named. */
  timeZone: string;
  now: () => number;
  logger: Logger;
}

type TokenRequest = FastifyRequest<{ Params: { token: string }; Querystring: { lang?: string } }>;

/**
 * `GET /merchant/r/<token>`: the request and an answer form; `POST` the same URL (multipart: `text`, up to five
 * `files`) stores the answer. No account: the signed token is the merchant's authority for this one request, so
 * it is checked (signature, expiry) before anything is read, and each request's link is rate-limited. A refusal
 * re-renders the form with what was typed and says, in the merchant's language, what to change; a link that is
 * forged, expired or used up gets a page saying so and whom to ask.
 */
export async function registerMerchantPageRoutes(scope: FastifyInstance, d: MerchantPageDeps): Promise<void> {
  // One byte over the limit reaches toBuffer, which then throws instead of truncating.
  await scope.register(multipart, { limits: { fileSize: d.maxBytes, files: MAX_MERCHANT_FILES, fields: 4, fieldSize: 64 * 1024, parts: MAX_MERCHANT_FILES + 4 } });
  scope.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-content-type-options', 'nosniff').header('x-frame-options', 'DENY');
  });

  scope.get('/merchant/r/:token', async (req: TokenRequest, reply) => {
    const locale = merchantLocale(req.query.lang, req.headers['accept-language']);
    const open = await openRequest(d, req.params.token, locale);
    if ('refusal' in open) return refuse(reply, locale, open.refusal);
    return html(reply, 200, (nonce) => form(d, open, locale, nonce));
  });

  scope.post('/merchant/r/:token', async (req: TokenRequest, reply) => {
    const locale = merchantLocale(req.query.lang, req.headers['accept-language']);
    const open = await openRequest(d, req.params.token, locale);
    if ('refusal' in open) return refuse(reply, locale, open.refusal);
    let text = '';
    try {
      const files: IncomingFile[] = [];
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'text' && typeof part.value === 'string') text = part.value;
        } else if (part.fieldname === 'files') {
          const file = await readFile(part, d.maxBytes);
          if (file) files.push(file);
        } else {
          await part.toBuffer().catch(() => undefined);
        }
      }
      await d.answers.answer(open.requestId, { text, files, via: 'page' });
    } catch (err) {
      // A refusal mid-body: answer and close instead of reading the rest of a file we will not keep.
      if (!req.raw.readableEnded) reply.header('connection', 'close');
      const refusal = refusalOf(err, locale, d.maxBytes);
      if (!refusal) {
        d.logger.error({ err: (err as Error).message, requestId: open.requestId }, 'merchant: answer could not be stored');
        return html(reply, 500, (nonce) => form(d, open, locale, nonce, t(locale, 'merchant.error.failed'), text));
      }
      if (refusal.final) return refuse(reply, locale, refusal);
      return html(reply, refusal.status, (nonce) => form(d, open, locale, nonce, refusal.message, text));
    }
    return html(reply, 200, (nonce) => messagePage(locale, nonce, 'Redress', t(locale, 'merchant.page.thanks', { id: open.caseNumber }), true));
  });
}

interface OpenRequest {
  requestId: string;
  caseNumber: string;
  orderId: string | null;
  question: string;
  dueAt: number;
}

/** The token checked, the link's rate limit taken, and the request found still open; or why not. */
async function openRequest(d: MerchantPageDeps, token: string, locale: Locale): Promise<OpenRequest | { refusal: Refusal }> {
  const check = d.links.verify(token);
  if (!check.ok) return { refusal: linkRefusal(locale, check.reason) };
  const wait = await d.limit.take(check.requestId);
  if (wait) return { refusal: { status: 429, code: 'rate.limited', message: t(locale, 'merchant.error.rate_limited', { minutes: Math.ceil(wait / 60_000) }), final: true } };
  try {
    const { complaint, request } = await d.answers.find(check.requestId);
    if (request.status === 'answered') return { refusal: linkRefusal(locale, 'answered') };
    return { requestId: request.id, caseNumber: complaint.id, orderId: complaint.orderId, question: request.question, dueAt: request.dueAt };
  } catch (err) {
    const refusal = refusalOf(err, locale, d.maxBytes);
    if (!refusal) throw err;
    return { refusal };
  }
}

/** A chosen file, read whole (bounded by the multipart limit); the browser's empty part for "no file" is skipped. */
async function readFile(part: MultipartFile, maxBytes: number): Promise<IncomingFile | null> {
  try {
    const bytes = await part.toBuffer();
    return part.filename || bytes.length ? { name: part.filename || 'file', bytes } : null;
  } catch (err) {
    if ((err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw refuseFile('file_size', `${part.filename} is larger than the limit.`, { name: part.filename, maxBytes });
    }
    throw err;
  }
}

function form(d: MerchantPageDeps, r: OpenRequest, locale: Locale, nonce: string, error?: string, text?: string): string {
  const now = d.now();
  const closesBy = now > r.dueAt ? formatTime(locale, d.links.expiresAt(r), d.timeZone) : undefined;
  return answerPage({
    locale, nonce, caseNumber: r.caseNumber, orderId: r.orderId, question: r.question, dueBy: formatTime(locale, r.dueAt, d.timeZone),
    closesBy, maxFiles: MAX_MERCHANT_FILES, maxMb: Math.floor(d.maxBytes / 1_048_576), error, text,
  });
}

function refuse(reply: FastifyReply, locale: Locale, r: Refusal): FastifyReply {
  return html(reply, r.status, (nonce) => messagePage(locale, nonce, 'Redress', r.message));
}

/** Every page: no script at all, only our nonce'd stylesheet, posting only to ourselves, never framed. */
function html(reply: FastifyReply, status: number, render: (nonce: string) => string): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  return reply.code(status).type('text/html; charset=utf-8')
    .header('content-security-policy', `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`)
    .send(render(nonce));
}
