/**
 * The Slack agent workspace: cases in a queue channel, claimed and worked with buttons, modals and thread
 * replies. Bolt's ExpressReceiver is mounted on the shared fastify server at POST /slack/events (events and
 * interactivity both), fed the raw body so it can verify Slack's signature; the Web API half
 * (`createSlackWorkspace`) needs no HTTP and also runs in worker processes.
 *
 * @example
 * const slack = slackConfig(config);
 * if (slack) core.workspaces.push(await registerSlack(http, { ...core, slack, agentsJson: config.AGENTS }));
 */
import type { IncomingMessage } from 'node:http';
import { App, ExpressReceiver, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { SlackConfig } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { slackAgentMap } from './slack-agents.js';
import { registerInteractions } from './slack-interactions.js';
import { SlackMessageStore } from './slack-message.store.js';
import { slackKeys } from './slack.keys.js';
import { SlackWorkspace } from './slack.workspace.js';

export { SlackWorkspace } from './slack.workspace.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackDeps {
  redis: RedisClient;
  keys: RedisKeys;
  agents: RedisAgentStore;
  logger: Logger;
  slack: SlackConfig;
}

export interface SlackWebDeps extends SlackDeps {
  agentOps: AgentOperations;
  /** The AGENTS JSON; each entry's optional `slackUserId` maps a Slack user to that agent. */
  agentsJson: string;
}

function webClient(slack: SlackConfig, logger: BoltLogger): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logger });
}

/** The posting half only (Web API), for processes without HTTP (`--role worker`). */
export function createSlackWorkspace(deps: SlackDeps): SlackWorkspace {
  const logger = deps.logger.child({ adapter: 'slack' });
  return workspaceWith(webClient(deps.slack, boltLogger(logger)), deps, logger);
}

function workspaceWith(client: webApi.WebClient, deps: SlackDeps, logger: Logger): SlackWorkspace {
  const messages = new SlackMessageStore(deps.redis, slackKeys(deps.keys));
  return new SlackWorkspace(client, messages, deps.agents, { queueChannel: deps.slack.queueChannel, supervisorChannel: deps.slack.supervisorChannel }, logger);
}

/** Mounts POST /slack/events and returns the workspace to register with the core. */
export async function registerSlack(http: FastifyInstance, deps: SlackWebDeps): Promise<SlackWorkspace> {
  const logger = deps.logger.child({ adapter: 'slack' });
  const bolt = boltLogger(logger);
  const map = slackAgentMap(deps.agentsJson);
  if (!map.size) logger.warn('slack: no AGENTS entry has a slackUserId, so nobody can act on cases from Slack');
  const receiver = new ExpressReceiver({ signingSecret: deps.slack.signingSecret, endpoints: SLACK_EVENTS_PATH, logger: bolt });
  const app = new App({ token: deps.slack.botToken, receiver, logger: bolt, clientOptions: { slackApiUrl: deps.slack.apiUrl } });
  app.error(async (err) => {
    logger.error({ err: err.message, code: (err as { code?: string }).code }, 'slack: listener failed');
  });
  const messages = new SlackMessageStore(deps.redis, slackKeys(deps.keys));
  registerInteractions(app, {
    agentOps: deps.agentOps, agents: deps.agents, messages, agentFor: (u) => map.get(u), queueChannel: deps.slack.queueChannel, logger,
  });

  // Own scope: every body stays a raw Buffer here (Bolt verifies the signature over the exact bytes),
  // without changing how the rest of the server parses forms and JSON.
  await http.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post(SLACK_EVENTS_PATH, (request, reply) => {
      const raw = request.raw as IncomingMessage & { rawBody?: Buffer };
      raw.rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      reply.hijack();
      receiver.app(raw, reply.raw);
    });
  });
  return workspaceWith(app.client, deps, logger);
}

/** Bolt and the Web API client log through ours; request bodies are never logged above debug. */
function boltLogger(logger: Logger): BoltLogger {
  const line = (m: unknown[]) => m.map((x) => (x instanceof Error ? x.message : typeof x === 'string' ? x : JSON.stringify(x))).join(' ');
  return {
    debug: (...m) => logger.debug(line(m)),
    info: (...m) => logger.info(line(m)),
    warn: (...m) => logger.warn(line(m)),
    error: (...m) => logger.error(line(m)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: () => undefined,
  };
}
