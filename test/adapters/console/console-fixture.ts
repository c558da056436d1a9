/**
 * The real core (stores, service, agent operations, triage) plus the console on a real fastify server on
 * port 0, against a TestRedis with a fresh key prefix. Wired the way the composition root wires it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AgentOperations } from '../../../src/agents/agent-operations.js';
import { CaseQueueIndex } from '../../../src/agents/case-queue-index.js';
import { RedisAgentStore } from '../../../src/agents/redis-agent.store.js';
import { ComplaintEvents } from '../../../src/complaints/complaint-events.js';
import { ComplaintService } from '../../../src/complaints/complaint.service.js';
import type { ComplaintDraft } from '../../../src/complaints/complaint.types.js';
import { ConsumerProfileStore } from '../../../src/complaints/consumer-profile.store.js';
import { RedisComplaintStore } from '../../../src/complaints/redis-complaint.store.js';
import { loadConfig } from '../../../src/config/config.js';
import { createHttpServer } from '../../../src/http/http-server.js';
import { silentLogger, type Logger } from '../../../src/logging/logger.js';
import type { ConversationAddress } from '../../../src/messages/message.types.js';
import { createRedis, type RedisClient } from '../../../src/redis/redis-connection.js';
import { redisKeys } from '../../../src/redis/redis-keys.js';
import { createRuleTriage, type Triage } from '../../../src/triage/triage.js';
import { registerConsole, type ConsoleWorkspace } from '../../../adapters/console/index.js';
import type { FileStoragePort } from '../../../src/storage/file-storage.port.js';
import { LocalFileStorage } from '../../../src/storage/local-file.storage.js';
import { randomPrefix } from '../../helpers/redis-server.js';
import { AlertLog } from '../../../src/reports/alert-log.js';
import { alertsEffect, SupervisorAlerts } from '../../../src/reports/supervisor-alerts.js';
import { changeProcessor } from '../../complaints/core-fixture.js';

export const SLA = { firstResponseMs: 30 * 60_000, dispatchMs: 2 * 3_600_000, mediumPlanMs: 48 * 3_600_000, highReportMs: 12 * 3_600_000 };

export const AGENTS_JSON = JSON.stringify([
  { id: 'a-ling', name: 'Ling', role: 'agent', compensationLimit: 500, password: 'ling-pass' },
  { id: 'a-omar', name: 'Omar', role: 'agent', compensationLimit: 500, password: 'omar-pass' },
  { id: 's-mei', name: 'Mei', role: 'supervisor', compensationLimit: 2000, password: 'mei-pass' },
]);

let sharedTriage: Triage | undefined;

export function address(conversationId: string): ConversationAddress {
  return { channel: 'webchat', conversationId, userId: `u-${conversationId}`, channelData: { secret: 'adapter-only' } };
}

export function draft(over: Partial<ComplaintDraft> = {}): ComplaintDraft {
  const description = over.description ?? 'My parcel has not arrived after two weeks.';
  return {
    category: 'late_delivery', orderId: null, description, evidence: [], desiredResolution: 'refund', locale: 'en',
    texts: [description], ...over,
  };
}

export interface WorldOptions {
  agentsJson?: string;
  nodeEnv?: 'development' | 'production' | 'test';
  prefix?: string;
  heartbeatMs?: number;
  env?: Record<string, string>;
  logger?: Logger;
  /** Evidence storage; a LocalFileStorage on a fresh temporary directory by default. */
  storage?: FileStoragePort;
}

/** One process's worth of Redress: its own Redis connection, core objects, HTTP server and console. */
export async function startWorld(redisUrl: string, o: WorldOptions = {}) {
  const prefix = o.prefix ?? randomPrefix();
  // Production refuses to start without its session secrets; tests of production behaviour supply them.
  const secrets = o.nodeEnv === 'production' ? { WEBCHAT_SESSION_SECRET: 'w'.repeat(32), CONSOLE_SESSION_SECRET: 'c'.repeat(32) } : {};
  const config = loadConfig({ NODE_ENV: o.nodeEnv ?? 'test', REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, AGENTS: o.agentsJson ?? AGENTS_JSON, ...secrets, ...o.env });
  const redis: RedisClient = createRedis({ url: redisUrl });
  const keys = redisKeys(prefix);
  const store = new RedisComplaintStore(redis, keys);
  const profiles = new ConsumerProfileStore(redis, keys);
  const agents = new RedisAgentStore(redis, keys);
  const events = new ComplaintEvents();
  sharedTriage ??= createRuleTriage(SLA);
  const workspaces: ConsoleWorkspace[] = [];
  const alertLog = new AlertLog(redis, keys);
  const alerts = new SupervisorAlerts(alertLog, () => workspaces);
  events.on('alerts', alertsEffect(alerts));
  const queueIndex = new CaseQueueIndex(redis, keys, store);
  events.on('queue-index', (n) => queueIndex.write(n.complaint));
  const complaints = new ComplaintService(store, profiles, sharedTriage, changeProcessor(redis, keys, events));
  const agentOps = new AgentOperations(complaints, agents);
  const app: FastifyInstance = createHttpServer({ redis, trustProxy: config.TRUST_PROXY });
  const uploadDir = o.storage ? null : mkdtempSync(join(tmpdir(), 'redress-console-up-'));
  const storage = o.storage ?? new LocalFileStorage({ dir: uploadDir! });
  const ws = await registerConsole(app, { redis, keys, complaints, agentOps, agents, profiles, queueIndex, storage, config, logger: o.logger ?? silentLogger, heartbeatMs: o.heartbeatMs, alerts });
  workspaces.push(ws);
  events.on((n) => ws.caseUpdated(n.complaint, n.events));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    prefix, redis, keys, store, profiles, agents, events, complaints, agentOps, queueIndex, app, baseUrl, workspace: ws, storage, config, alertLog,
    async close() {
      await app.close();
      redis.disconnect();
      if (uploadDir) rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;
