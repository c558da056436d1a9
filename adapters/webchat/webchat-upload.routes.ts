import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../src/logging/logger.js';
import { isWebchatError, WebchatError } from './webchat.errors.js';
import type { WebchatLimits } from './webchat-limits.js';
import { clientIp } from './webchat-limits.js';
import type { WebchatSessions } from './webchat-session.js';
import type { WebchatUploads } from './webchat-uploads.js';

export interface UploadRouteDeps {
  sessions: WebchatSessions;
  uploads: WebchatUploads;
  limits: WebchatLimits;
  maxBytes: number;
  logger: Logger;
}

/**
 * `POST /webchat/upload` (multipart, one file field, bearer session token) → `{ attachmentId, mimeType, sizeBytes }`,
 * and `GET /webchat/files/<attachmentId>` for the same conversation only. Call inside an encapsulated scope:
 * the multipart parser and error handler stay local to it.
 */
export async function registerUploadRoutes(scope: FastifyInstance, deps: UploadRouteDeps): Promise<void> {
  await scope.register(multipart, { limits: { fileSize: deps.maxBytes, files: 1, fields: 5 } });
  scope.setErrorHandler((err, _req, reply) => sendError(reply, err, deps));
  scope.options('/webchat/upload', async () => undefined);
  scope.options('/webchat/files/:id', async () => undefined);

  scope.post('/webchat/upload', async (req) => {
    const session = await deps.sessions.require(req.headers.authorization);
    await deps.limits.consumeIp(clientIp(req.raw));
    const file = await req.file();
    if (!file) throw new WebchatError('input.invalid', 'No file in the upload. Send the photo as multipart field "file".');
    const bytes = await file.toBuffer();
    const rec = await deps.uploads.save(session, bytes);
    return { attachmentId: rec.attachmentId, mimeType: rec.mimeType, sizeBytes: rec.sizeBytes };
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

function sendError(reply: FastifyReply, err: unknown, deps: UploadRouteDeps) {
  if (isWebchatError(err)) return reply.code(err.httpStatus).send({ code: err.wireCode, message: err.message });
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT') {
    const mb = (deps.maxBytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
    return reply.code(413).send({ code: 'upload.too_large', message: `That photo is larger than ${mb} MB. Please send a smaller one (a screenshot works well).` });
  }
  const status = (err as { statusCode?: number }).statusCode;
  if (status && status >= 400 && status < 500) {
    return reply.code(status).send({ code: 'input.invalid', message: 'The upload was not understood. Send one photo as multipart/form-data field "file".' });
  }
  deps.logger.error({ err: (err as Error).message }, 'webchat upload failed');
  return reply.code(500).send({ code: 'server.error', message: 'The photo could not be saved. Please try again.' });
}
