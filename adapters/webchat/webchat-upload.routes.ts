import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../src/logging/logger.js';
import { t } from '../../src/i18n/catalog.js';
import { consumerLocale, isWebchatError, WebchatError } from './webchat.errors.js';
import type { WebchatLimits } from './webchat-limits.js';
import type { WebchatUploadLimits } from './webchat-upload-limits.js';
import type { WebchatSessions } from './webchat-session.js';
import { tooLarge, type WebchatUploads } from './webchat-uploads.js';

export interface UploadRouteDeps {
  sessions: WebchatSessions;
  uploads: WebchatUploads;
  limits: WebchatLimits;
  uploadLimits: WebchatUploadLimits;
  maxBytes: number;
  /** WEBCHAT_UPLOAD_IDLE_SECONDS in ms. */
  idleMs: number;
  logger: Logger;
}

/**
 * `POST /webchat/upload?locale=zh` (multipart, one file field, bearer session token) → `{ attachmentId, mimeType, sizeBytes }`,
 * and `GET /webchat/files/<attachmentId>` for the same conversation only. Call inside an encapsulated scope:
 * the multipart parser and error handler stay local to it.
 */
export async function registerUploadRoutes(scope: FastifyInstance, deps: UploadRouteDeps): Promise<void> {
  // One byte over the limit reaches our own count (webchat-uploads.ts), which refuses it and removes the partial file.
  await scope.register(multipart, { limits: { fileSize: deps.maxBytes + 1, files: 1, fields: 5 } });
  scope.setErrorHandler((err, _req, reply) => sendError(reply, err, deps));
  scope.options('/webchat/upload', async () => undefined);
  scope.options('/webchat/files/:id', async () => undefined);

  scope.post('/webchat/upload', async (req, reply) => {
    const session = await deps.sessions.require(req.headers.authorization);
    const ip = scope.clientIp(req.raw);
    await deps.limits.consumeIp(ip);
    const locale = localeOf(req);
    const permit = await deps.uploadLimits.admit(session.sessionId, ip, locale);
    // fastify sets no request timeout: without this a client that stops mid-photo would hold its slot for ever.
    // Destroying the request fails the stream, which removes the partial file and releases the slot below.
    req.raw.setTimeout(deps.idleMs, () => req.raw.destroy(new Error('upload idle')));
    try {
      const file = await req.file();
      if (!file) throw new WebchatError('input.invalid', 'No file in the upload. Send the photo as multipart field "file".');
      const rec = await deps.uploads.save(session, file.file, { locale, maxBytes: deps.maxBytes, roomBytes: permit.roomBytes, quotaRetryMs: permit.quotaRetryMs });
      await permit.record(rec.sizeBytes);
      return { attachmentId: rec.attachmentId, mimeType: rec.mimeType, sizeBytes: rec.sizeBytes };
    } catch (err) {
      // Refused mid-body: close the connection after answering instead of reading the rest of a file we will not keep.
      if (!req.raw.readableEnded) reply.header('connection', 'close');
      throw err;
    } finally {
      permit.release();
    }
  });

  scope.get('/webchat/files/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const session = await deps.sessions.require(req.headers.authorization);
    const file = await deps.uploads.read(session, req.params.id);
    if (!file) throw new WebchatError('attachment.not_found', 'No such photo in this conversation.', 404);
    return reply
      .type(file.mimeType)
      .header('Cache-Control', 'private, max-age=3600')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'")
      .send(file.bytes);
  });
}

/** The widget passes its language as `?locale=`; else the browser's Accept-Language. */
function localeOf(req: FastifyRequest): 'en' | 'zh' {
  const q = (req.query as { locale?: unknown } | undefined)?.locale;
  return consumerLocale(typeof q === 'string' ? q : req.headers['accept-language']);
}

function sendError(reply: FastifyReply, err: unknown, deps: UploadRouteDeps) {
  if (isWebchatError(err)) {
    if (err.retryAfterMs) reply.header('retry-after', Math.ceil(err.retryAfterMs / 1000));
    const retry = err.retryAfterMs ? { retryAfter: Math.ceil(err.retryAfterMs / 1000) } : {};
    return reply.code(err.httpStatus).send({ code: err.wireCode, message: err.message, ...retry });
  }
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') {
    const e = tooLarge({ locale: reply.request ? localeOf(reply.request) : 'en', maxBytes: deps.maxBytes });
    return reply.code(413).send({ code: e.wireCode, message: e.message });
  }
  const status = (err as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) {
    return reply.code(status).send({ code: 'input.invalid', message: 'The upload was not understood. Send one photo as multipart/form-data field "file".' });
  }
  deps.logger.error({ err: (err as Error).message }, 'webchat upload failed');
  return reply.code(500).send({ code: 'server.error', message: t(reply.request ? localeOf(reply.request) : 'en', 'upload.failed') });
}
