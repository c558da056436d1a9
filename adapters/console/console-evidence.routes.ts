import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RedisComplaintStore } from '../../src/complaints/redis-complaint.store.js';
import { isRedressError } from '../../src/errors.js';
import { evidenceKeyOf, isInlineType } from '../../src/evidence/evidence-file.js';
import { verifyEvidenceToken } from '../../src/evidence/evidence-link.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';
import type { ConsoleAuth } from './console-auth.js';
import { ConsoleError } from './console-errors.js';

export interface EvidenceRouteDeps {
  auth: ConsoleAuth;
  store: RedisComplaintStore;
  storage: FileStoragePort;
  /** EVIDENCE_LINK_SECRET; without it a `?token=` is always refused. */
  linkSecret: string | undefined;
  now: () => number;
}

const NOT_FOUND = 'No such evidence on this case.';

/**
 * `GET /console/evidence/<complaintId>/<index>`: the consumer's file number `index` of that complaint, to an agent
 * with a console session, or to anyone holding a signed link (`?token=`, see src/evidence/evidence-link.ts).
 * Only files attached to the complaint can be named (by position, never by storage key or path), and the bytes
 * come through the storage port. Access is checked before the complaint is looked up, so a stranger can't
 * probe which cases exist.
 */
export async function registerEvidenceRoutes(scope: FastifyInstance, d: EvidenceRouteDeps): Promise<void> {
  scope.get<{ Params: { complaintId: string; index: string }; Querystring: { token?: string } }>('/evidence/:complaintId/:index', async (req, reply) => {
    const { complaintId } = req.params;
    const index = /^\d{1,3}$/.test(req.params.index) ? Number(req.params.index) : -1;
    const token = req.query.token;
    if (token !== undefined) {
      const ok = !!d.linkSecret && index >= 0 && await verifyEvidenceToken(token, complaintId, index, { secret: d.linkSecret, now: d.now });
      if (!ok) throw new ConsoleError('console.forbidden', 403, 'This evidence link is not valid or has expired. Open the case in the console instead.');
    } else if (!(await d.auth.authenticate(req))) {
      throw new ConsoleError('console.unauthenticated', 401, 'Log in to the console to see evidence.');
    }
    if (index < 0) throw new ConsoleError('console.not_found', 404, NOT_FOUND);
    const attachment = (await d.store.get(complaintId))?.evidence[index];
    if (attachment?.expired) throw new ConsoleError('console.not_found', 404, `This file was removed after ${attachment.expired.afterDays} days (retention).`);
    const key = attachment ? evidenceKeyOf(attachment) : null;
    const file = key ? await readFile(d.storage, key) : null;
    if (!file) throw new ConsoleError('console.not_found', 404, NOT_FOUND);
    return sendFile(reply, file, `${complaintId}-${index + 1}${extensionOf(key!)}`);
  });
}

/**
 * `GET /console/merchant-files/<complaintId>/<requestId>/<index>`: a file the merchant sent with an answer, to an
 * agent with a console session only (no signed links: the merchant's files never leave the console). Named by
 * position in that answer, served like evidence.
 */
export async function registerMerchantFileRoutes(scope: FastifyInstance, d: Pick<EvidenceRouteDeps, 'auth' | 'store' | 'storage'>): Promise<void> {
  scope.get<{ Params: { complaintId: string; requestId: string; index: string } }>('/merchant-files/:complaintId/:requestId/:index', async (req, reply) => {
    if (!(await d.auth.authenticate(req))) throw new ConsoleError('console.unauthenticated', 401, 'Log in to the console to see the merchant\'s files.');
    const { complaintId, requestId } = req.params;
    const index = /^\d{1,2}$/.test(req.params.index) ? Number(req.params.index) : -1;
    const request = (await d.store.get(complaintId))?.merchantRequests?.find((r) => r.id === requestId);
    const f = index >= 0 ? request?.answer?.files[index] : undefined;
    if (f?.expired) throw new ConsoleError('console.not_found', 404, `This file was removed after ${f.expired.afterDays} days (retention).`);
    const file = f ? await readFile(d.storage, f.storageKey) : null;
    if (!f || !file) throw new ConsoleError('console.not_found', 404, 'No such file in the merchant\'s answer.');
    return sendFile(reply, { bytes: file.bytes, mimeType: f.mimeType }, `${requestId}-${index + 1}${extensionOf(f.storageKey)}`);
  });
}

/** A key the storage refuses (e.g. a legacy URL that was never ours) is simply not there. */
async function readFile(storage: FileStoragePort, key: string): Promise<{ bytes: Buffer; mimeType: string } | null> {
  try {
    return await storage.get(key);
  } catch (err) {
    if (isRedressError(err, 'input.invalid')) return null;
    throw err;
  }
}

function sendFile(reply: FastifyReply, file: { bytes: Buffer; mimeType: string }, filename: string): FastifyReply {
  const inline = isInlineType(file.mimeType);
  return reply
    .type(file.mimeType || 'application/octet-stream')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=300')
    // The file is never a document: no script, no plugin, no framing, even if a browser were tricked into rendering it.
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('referrer-policy', 'no-referrer')
    .send(file.bytes);
}

function extensionOf(key: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(key)?.[1];
  return ext ? `.${ext.toLowerCase()}` : '';
}
