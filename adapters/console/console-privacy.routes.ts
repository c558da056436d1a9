/**
 * Data rights, supervisor-only: GET /console/api/consumers/:id/export (everything about one consumer, JSON),
 * POST /console/api/consumers/:id/erase (body `{ reason }`, CSRF like every console write) and
 * GET /console/api/reports.csv?from&to (one row per case, safe to open in a spreadsheet).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ArchiveDb } from '../../src/archive/archive-db.port.js';
import type { ComplaintService } from '../../src/complaints/complaint.service.js';
import type { ConsumerProfileStore } from '../../src/complaints/consumer-profile.store.js';
import { RedressError } from '../../src/errors.js';
import type { Logger } from '../../src/logging/logger.js';
import { exportConsumer } from '../../src/privacy/consumer-export.js';
import { eraseConsumer } from '../../src/privacy/consumer-erasure.js';
import { reportCsvChunks, reportRowPages } from '../../src/privacy/report-rows.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { reportPeriod } from '../../src/reports/report-period.js';
import type { CaseQueueIndex } from '../../src/agents/case-queue-index.js';
import type { SupervisorAlerts } from '../../src/reports/supervisor-alerts.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';
import { authOf, type ConsoleAuth } from './console-auth.js';
import { ConsoleError } from './console-errors.js';

export interface PrivacyRouteDeps {
  auth: ConsoleAuth;
  complaints: ComplaintService;
  profiles: ConsumerProfileStore;
  redis: RedisClient;
  keys: RedisKeys;
  storage: FileStoragePort;
  logger: Logger;
  now: () => number;
  alerts?: Pick<SupervisorAlerts, 'raise'>;
  archive?: { readonly db: ArchiveDb } | null;
  /** The agents' queue index: an erased case's row and search words are written again from what is left. */
  queueIndex?: Pick<CaseQueueIndex, 'write'>;
}

const MAX_ID = 256;
const MAX_REASON = 500;

function requireSupervisor(req: FastifyRequest): ReturnType<typeof authOf> {
  const ctx = authOf(req);
  if (ctx.agent.role !== 'supervisor') throw new ConsoleError('console.forbidden', 403, 'Only a supervisor can export or erase personal data.');
  return ctx;
}

function consumerIdOf(raw: string): string {
  if (!raw || raw.length > MAX_ID) throw new RedressError('input.invalid', `Give the consumer id (at most ${MAX_ID} characters), e.g. webchat:u-1001.`);
  return raw;
}

const dateParam = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export async function registerPrivacyRoutes(scope: FastifyInstance, d: PrivacyRouteDeps): Promise<void> {
  const logger = d.logger.child({ area: 'privacy' });
  const sources = () => ({ redis: d.redis, keys: d.keys, store: d.complaints.store, profiles: d.profiles, archive: d.archive?.db ?? null });
  const guard = { preHandler: d.auth.requireApi };

  scope.get<{ Params: { id: string } }>('/api/consumers/:id/export', guard, async (req, reply) => {
    const { agent } = requireSupervisor(req);
    const at = d.now();
    const doc = await exportConsumer(sources(), consumerIdOf(req.params.id), at);
    // Who took a copy of whose data, and when: supervisors see it beside erasures (a later erasure pseudonymises it).
    await d.alerts?.raise({ kind: 'data_exported', at, text: `Data export: ${agent.name} (${agent.id}) exported the data of consumer ${doc.consumerId} (${doc.cases.length} case(s), ${doc.files.length} file(s)).` },
      `exported:${agent.id}:${at}:${randomUUID()}`);
    logger.info({ agentId: agent.id, cases: doc.cases.length }, 'privacy: consumer data exported');
    return reply.header('content-disposition', 'attachment; filename="consumer-export.json"').send(doc);
  });

  scope.post<{ Params: { id: string }; Body: { reason?: unknown } | undefined }>('/api/consumers/:id/erase', guard, async (req) => {
    const { agent } = requireSupervisor(req);
    const reason = typeof req.body?.reason === 'string' ? req.body.reason.trim() : '';
    if (!reason || reason.length > MAX_REASON) throw new RedressError('input.invalid', `Say why the data is erased (the request it answers), at most ${MAX_REASON} characters.`);
    const result = await eraseConsumer({ ...sources(), storage: d.storage, alerts: d.alerts, queueIndex: d.queueIndex }, consumerIdOf(req.params.id), { agent, reason, at: d.now() });
    // The pseudonym only: the consumer id is exactly what must not be kept, in the log least of all.
    if (result.erased) logger.info({ agentId: agent.id, pseudonym: result.pseudonym, cases: result.cases, files: result.files }, 'privacy: consumer erased');
    return result;
  });

  scope.get<{ Querystring: Record<string, unknown> }>('/api/reports.csv', guard, async (req, reply) => {
    requireSupervisor(req);
    const now = d.now();
    const period = reportPeriod({ from: dateParam(req.query.from), to: dateParam(req.query.to) }, now);
    const pages = reportRowPages({ store: d.complaints.store, archive: d.archive?.db ?? null }, period, now);
    // Streamed page by page: a 92-day period from the archive may hold millions of rows.
    return reply.type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="redress-cases-${period.fromDate}-${period.toDate}.csv"`)
      .send(Readable.from(reportCsvChunks(pages)));
  });
}
