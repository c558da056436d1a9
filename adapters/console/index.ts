/**
 * The local agent console at /console: login, a live queue, and a case page with every agent operation.
 *
 * @example
 * let workspace: AgentWorkspacePort | undefined;
 * const agentOps = new AgentOperations(complaints, agents, () => workspaces);
 * workspace = await registerConsole(app, { redis, keys, complaints, agentOps, agents, profiles, storage, config, logger });
 * events.on((n) => workspace!.caseUpdated(n.complaint, n.events));
 */
import { systemClock } from '../../src/clock.js';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { CaseQueueIndex } from '../../src/agents/case-queue-index.js';
import { typingCase } from '../../src/agents/consumer-typing.js';
import { KnowledgeBase } from '../../src/agents/knowledge-base.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { ComplaintService } from '../../src/complaints/complaint.service.js';
import type { ConsumerProfileStore } from '../../src/complaints/consumer-profile.store.js';
import { currencyOf, type Config } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import type { SupervisorAlerts } from '../../src/reports/supervisor-alerts.js';
import type { FileStoragePort } from '../../src/storage/file-storage.port.js';
import { registerApiRoutes } from './console-api.routes.js';
import { installSecurityHeaders, registerAssetRoutes } from './console-assets.js';
import { seedAgents } from './console-agents.seed.js';
import { ConsoleAuth } from './console-auth.js';
import { ConsoleCredentialStore } from './console-credentials.js';
import { installErrorHandler } from './console-errors.js';
import { registerEvidenceRoutes, registerMerchantFileRoutes } from './console-evidence.routes.js';
import { merchantLinks } from '../../src/merchants/merchant-link.js';
import { registerEventDeliveryRoutes } from '../../src/events/event-deliveries.routes.js';
import { registerEventRoutes } from './console-events.routes.js';
import { ConsoleLiveHub } from './console-live.hub.js';
import { registerPageRoutes } from './console-pages.routes.js';
import type { ArchiveDb } from '../../src/archive/archive-db.port.js';
import { registerPrivacyRoutes } from './console-privacy.routes.js';
import { registerReportRoutes } from './console-reports.routes.js';
import { LoginRateLimiter } from './console-rate-limit.js';
import { ConsoleSessionStore, randomSecret } from './console-session.js';
import { consoleKeys } from './console.keys.js';
import { ConsoleWorkspace } from './console.workspace.js';

export { ConsoleWorkspace } from './console.workspace.js';
export type { LiveMessage } from './console.workspace.js';

/** The settings the console reads; the composition root hands it only these (configSection). */
export const CONSOLE_SETTINGS = [
  'AGENTS', 'CONSOLE_LOGIN_MAX_ATTEMPTS', 'CONSOLE_SESSION_IDLE_MINUTES', 'CONSOLE_SESSION_SECRET', 'EVENTS_WEBHOOK_URL',
  'EVIDENCE_LINK_SECRET', 'NODE_ENV', 'PUBLIC_URL', 'TIMEZONE', 'CURRENCY', 'MERCHANT_LINK_SECRET', 'MERCHANT_LINK_GRACE_HOURS',
] as const satisfies readonly (keyof Config)[];
export type ConsoleConfig = Pick<Config, (typeof CONSOLE_SETTINGS)[number]>;

export interface ConsoleDeps {
  /** Shared client for commands; the console duplicates it for its SUBSCRIBE connection. */
  redis: RedisClient;
  keys: RedisKeys;
  complaints: ComplaintService;
  agentOps: AgentOperations;
  agents: RedisAgentStore;
  profiles: ConsumerProfileStore;
  /** The open cases' queue index (filters, search, sort, paging); written by the core's `queue-index` side effect. */
  queueIndex: CaseQueueIndex;
  /** Where the consumers' photos are kept: the case page's evidence is served from it. */
  storage: FileStoragePort;
  config: ConsoleConfig;
  logger: Logger;
  /** Clock, for tests; defaults to Date.now. */
  now?: () => number;
  /** Supervisor alerts (core's SupervisorAlerts): repeated failed logins on an agent id are raised there. */
  alerts?: Pick<SupervisorAlerts, 'raise'>;
  /** SSE heartbeat (and session re-check) interval; 25 s by default. */
  heartbeatMs?: number;
  /** The archive (core.archive): reports come from it when it is there; erasure rewrites it (in a transaction). */
  archive?: { readonly db: ArchiveDb } | null;
}

const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * The publishing half only, for processes without HTTP (`--role worker`): SLA and handoff changes made
 * there still reach the consoles held by the web processes.
 */
export function createConsoleWorkspace(deps: Pick<ConsoleDeps, 'redis' | 'keys' | 'agents' | 'logger'>): ConsoleWorkspace {
  return new ConsoleWorkspace(deps.redis, consoleKeys(deps.keys).events(), deps.agents, deps.logger.child({ adapter: 'console' }));
}

/** Seeds agents, starts the live subscriber and mounts the console under /console. */
export async function registerConsole(app: FastifyInstance, deps: ConsoleDeps): Promise<ConsoleWorkspace> {
  const { redis, config } = deps;
  const logger = deps.logger.child({ adapter: 'console' });
  const now = deps.now ?? systemClock;
  const keys = consoleKeys(deps.keys);
  const credentials = new ConsoleCredentialStore(redis, keys);
  await seedAgents({ agentsJson: config.AGENTS, production: config.NODE_ENV === 'production', agents: deps.agents, credentials, logger });

  if (!config.CONSOLE_SESSION_SECRET) {
    logger.warn('console: CONSOLE_SESSION_SECRET is not set; using a random one, so logins end on restart and work on this process only');
  }
  const sessions = new ConsoleSessionStore(redis, keys, config.CONSOLE_SESSION_IDLE_MINUTES * 60_000, now);
  const auth = new ConsoleAuth(sessions, deps.agents, config.CONSOLE_SESSION_SECRET ?? randomSecret(), config.PUBLIC_URL);
  const max = config.CONSOLE_LOGIN_MAX_ATTEMPTS;
  const limiter = new LoginRateLimiter(redis, keys, { perAgent: max, perIp: max * 5, windowMs: LOGIN_WINDOW_MS }, now);
  const onThrottled = async (e: { agentId: string; failures: number; delayMs: number }): Promise<void> => {
    const at = now();
    const text = `Console: ${e.failures} failed logins for agent id "${e.agentId}" within 15 minutes; further attempts from those addresses are delayed (the agent can still log in from elsewhere).`;
    // Once per agent per window: the once-key is the window the event falls in.
    await deps.alerts?.raise({ kind: 'workspace_problem', text, at }, `login:${e.agentId.toLowerCase()}:${Math.floor(at / LOGIN_WINDOW_MS)}`);
  };
  const knowledge = new KnowledgeBase(redis, deps.keys);
  await knowledge.seed();
  const hub = new ConsoleLiveHub(redis, keys.events(), logger, async (s) => typingCase((id) => deps.complaints.activeCase(id), s));
  await hub.start();
  const workspace = createConsoleWorkspace(deps);
  const links = merchantLinks(config, now);

  await app.register(async (scope) => {
    installErrorHandler(scope, logger);
    installSecurityHeaders(scope);
    // Another plugin on the shared server may already parse forms; a second parser would throw.
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody);
    scope.addHook('onClose', async () => hub.stop());
    await registerAssetRoutes(scope);
    await registerPageRoutes(scope, { auth, sessions, credentials, limiter, logger, onThrottled, currency: currencyOf(config) });
    await registerEventRoutes(scope, { auth, hub, sessions, now, heartbeatMs: deps.heartbeatMs });
    await registerReportRoutes(scope, { ...deps, auth, now });
    await registerPrivacyRoutes(scope, { ...deps, auth, now });
    await registerEventDeliveryRoutes(scope, { requireApi: auth.requireApi, redis, keys: deps.keys, enabled: Boolean(config.EVENTS_WEBHOOK_URL) });
    await registerEvidenceRoutes(scope, { auth, store: deps.complaints.store, storage: deps.storage, linkSecret: config.EVIDENCE_LINK_SECRET, now });
    await registerMerchantFileRoutes(scope, { auth, store: deps.complaints.store, storage: deps.storage });
    await scope.register(async (api) => registerApiRoutes(api, { ...deps, auth, now, knowledge, currency: currencyOf(config), timeZone: config.TIMEZONE, merchantLink: links ? (r) => links.link(r) : null }), { prefix: '/api' });
  }, { prefix: '/console' });
  // Open cases filed before the queue index existed get their rows once; later changes keep them current.
  void deps.queueIndex.backfill().then(
    (n) => { if (n) logger.info({ cases: n }, 'console: queue index backfilled'); },
    (err: unknown) => logger.error({ err }, 'console: queue index backfill failed; older open cases may be missing from the queue until they change'),
  );
  logger.info('console: mounted at /console');
  return workspace;
}
