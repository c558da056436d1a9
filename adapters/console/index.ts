/**
 * The local agent console at /console: login, a live queue, and a case page with every agent operation.
 *
 * @example
 * let workspace: AgentWorkspacePort | undefined;
 * const agentOps = new AgentOperations(complaints, agents, () => workspaces);
 * workspace = await registerConsole(app, { redis, keys, complaints, agentOps, agents, profiles, config, logger });
 * events.on((n) => workspace!.caseUpdated(n.complaint, n.events));
 */
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { ComplaintService } from '../../src/complaints/complaint.service.js';
import type { ConsumerProfileStore } from '../../src/complaints/consumer-profile.store.js';
import type { Config } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { registerApiRoutes } from './console-api.routes.js';
import { installSecurityHeaders, registerAssetRoutes } from './console-assets.js';
import { seedAgents } from './console-agents.seed.js';
import { ConsoleAuth } from './console-auth.js';
import { ConsoleCredentialStore } from './console-credentials.js';
import { installErrorHandler } from './console-errors.js';
import { registerEventRoutes } from './console-events.routes.js';
import { ConsoleLiveHub } from './console-live.hub.js';
import { registerPageRoutes } from './console-pages.routes.js';
import { registerReportRoutes } from './console-reports.routes.js';
import { LoginRateLimiter } from './console-rate-limit.js';
import { ConsoleSessionStore, randomSecret } from './console-session.js';
import { consoleKeys } from './console.keys.js';
import { ConsoleWorkspace } from './console.workspace.js';

export { ConsoleWorkspace } from './console.workspace.js';
export type { LiveMessage } from './console.workspace.js';

export interface ConsoleDeps {
  /** Shared client for commands; the console duplicates it for its SUBSCRIBE connection. */
  redis: RedisClient;
  keys: RedisKeys;
  complaints: ComplaintService;
  agentOps: AgentOperations;
  agents: RedisAgentStore;
  profiles: ConsumerProfileStore;
  config: Config;
  logger: Logger;
  /** Clock, for tests; defaults to Date.now. */
  now?: () => number;
  /** SSE heartbeat (and session re-check) interval; 25 s by default. */
  heartbeatMs?: number;
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
  const now = deps.now ?? Date.now;
  const keys = consoleKeys(deps.keys);
  const credentials = new ConsoleCredentialStore(redis, keys);
  await seedAgents({ agentsJson: config.AGENTS, production: config.NODE_ENV === 'production', agents: deps.agents, credentials, logger });

  if (!config.CONSOLE_SESSION_SECRET) {
    logger.warn('console: CONSOLE_SESSION_SECRET is not set; using a random one, so logins end on restart and work on this process only');
  }
  const sessions = new ConsoleSessionStore(redis, keys, config.CONSOLE_SESSION_IDLE_MINUTES * 60_000, now);
  const auth = new ConsoleAuth(sessions, deps.agents, config.CONSOLE_SESSION_SECRET ?? randomSecret(), config.PUBLIC_URL);
  const max = config.CONSOLE_LOGIN_MAX_ATTEMPTS;
  const limiter = new LoginRateLimiter(redis, keys, { perAgent: max, perIp: max * 5, windowMs: LOGIN_WINDOW_MS });
  const hub = new ConsoleLiveHub(redis, keys.events(), logger);
  await hub.start();
  const workspace = createConsoleWorkspace(deps);

  await app.register(async (scope) => {
    installErrorHandler(scope, logger);
    installSecurityHeaders(scope);
    // Another plugin on the shared server may already parse forms; a second parser would throw.
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody);
    scope.addHook('onClose', async () => hub.stop());
    await registerAssetRoutes(scope);
    await registerPageRoutes(scope, { auth, sessions, credentials, limiter, logger });
    await registerEventRoutes(scope, { auth, hub, sessions, now, heartbeatMs: deps.heartbeatMs });
    await registerReportRoutes(scope, { ...deps, auth, now });
    await scope.register(async (api) => registerApiRoutes(api, { ...deps, auth, now }), { prefix: '/api' });
  }, { prefix: '/console' });
  logger.info('console: mounted at /console');
  return workspace;
}
