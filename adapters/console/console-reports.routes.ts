/** GET /console/reports (the page) and GET /console/api/reports?from&to (its JSON): any logged-in agent, read-only. */
import type { FastifyInstance } from 'fastify';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { ComplaintService } from '../../src/complaints/complaint.service.js';
import { RedressError } from '../../src/errors.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { AlertLog } from '../../src/reports/alert-log.js';
import type { SqlRunner } from '../../src/archive/archive-db.port.js';
import { loadComplaintReport } from '../../src/reports/report-loader.js';
import { reportPeriod } from '../../src/reports/report-period.js';
import { authOf, type ConsoleAuth } from './console-auth.js';
import { reportsPage } from './console-reports-page.html.js';

export interface ReportRouteDeps {
  auth: ConsoleAuth;
  complaints: ComplaintService;
  agents: RedisAgentStore;
  redis: RedisClient;
  keys: RedisKeys;
  now: () => number;
  /** The archive, when there is one: reports then cover the whole period from PostgreSQL, with no cap. */
  archive?: { readonly db: SqlRunner } | null;
}

/** An absent or empty parameter means "default"; a repeated one (`?from=a&from=b`) is refused. */
function dateParam(name: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new RedressError('input.invalid', `Give "${name}" once, as YYYY-MM-DD.`);
  return value;
}

export async function registerReportRoutes(scope: FastifyInstance, d: ReportRouteDeps): Promise<void> {
  const sources = { store: d.complaints.store, agents: d.agents, alerts: new AlertLog(d.redis, d.keys), archive: d.archive?.db ?? null };

  scope.get('/reports', { preHandler: d.auth.requirePage }, async (req, reply) => {
    const { agent, session } = authOf(req);
    return reply.type('text/html; charset=utf-8').send(reportsPage(agent, session.csrf));
  });

  scope.get<{ Querystring: Record<string, unknown> }>('/api/reports', { preHandler: d.auth.requireApi }, async (req) => {
    const now = d.now();
    const period = reportPeriod({ from: dateParam('from', req.query.from), to: dateParam('to', req.query.to) }, now);
    return { ...(await loadComplaintReport(sources, period, now)), serverNow: now };
  });
}
