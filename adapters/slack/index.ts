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
import { systemClock } from '../../src/clock.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, ExpressReceiver, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { FastifyInstance } from 'fastify';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { CaseQueueIndex } from '../../src/agents/case-queue-index.js';
import { KnowledgeBase } from '../../src/agents/knowledge-base.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { RedisComplaintStore } from '../../src/complaints/redis-complaint.store.js';
import type { SlackConfig } from '../../src/config/config.js';
import type { EvidenceLinkOptions } from '../../src/evidence/evidence-link.js';
import type { Logger } from '../../src/logging/logger.js';
import type { RedisClient } from '../../src/redis/redis-connection.js';
import type { RedisKeys } from '../../src/redis/redis-keys.js';
import { ownerMentions, slackAgentMap } from './slack-agents.js';
import { registerCommand } from './slack-command.js';
import { registerDeskViews } from './slack-desk.submissions.js';
import { registerInteractions } from './slack-interactions.js';
import { registerKnowledge } from './slack-kb.js';
import { SlackMessageStore } from './slack-message.store.js';
import { SlackOnceStore } from './slack-once.store.js';
import { registerHome } from './slack-home.js';
import { SlackProblems, type ReportProblem } from './slack-problems.js';
import { slackKeys } from './slack.keys.js';
import { SlackWorkspace } from './slack.workspace.js';

export { SlackWorkspace } from './slack.workspace.js';
export { SlackDeliveryError } from './slack.errors.js';
export { checkSlackSetup, type SlackSetupReport } from './slack-setup.check.js';
export type { ReportProblem, SlackProblem } from './slack-problems.js';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackDeps {
  redis: RedisClient;
  keys: RedisKeys;
  agents: RedisAgentStore;
  logger: Logger;
  slack: SlackConfig;
  /** PUBLIC_URL: texts cut to fit Slack point at the case in the console. */
  publicUrl?: string;
  /**
   * Told of every Slack failure a person must fix (channel_not_found, not_in_channel, invalid_auth,
   * invalid_blocks, …): token and channel problems at most once per code in ten minutes, others once per
   * code and case; wire it to the console's supervisor alerts.
   */
  reportProblem?: ReportProblem;
  /** From `evidenceLinkOptions(config)`: signs the evidence links in case posts and thread lines; null says links are off. */
  evidenceLinks?: EvidenceLinkOptions | null;
  /** The AGENTS JSON; each entry's optional `slackUserId` maps a Slack user to that agent. */
  agentsJson?: string;
  /** The complaint store: the case post lists the consumer's earlier complaints from it. */
  store?: Pick<RedisComplaintStore, 'listByConsumer' | 'get'>;
}

export interface SlackWebDeps extends SlackDeps {
  agentOps: AgentOperations;
  agentsJson: string;
  store: Pick<RedisComplaintStore, 'listByConsumer' | 'get'>;
  /** The open cases' queue index (core.queueIndex): App Home lists and counts from it. */
  queueIndex: Pick<CaseQueueIndex, 'page'>;
  /** CURRENCY and TIMEZONE fill the canned replies' variables (amount, deadline); CNY and UTC without them. */
  config?: { CURRENCY?: string; TIMEZONE?: string };
  now?: () => number;
}

/**
 * A few quick retries of a request Slack never answered, then the error goes back to our caller (the
 * handoff job, the change log), which retries with its own backoff: the client's default (ten retries over
 * about 30 minutes) would hold a worker for half an hour. 429s are still waited out (Retry-After).
 */
export const SLACK_CLIENT_OPTIONS = { retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2000 }, timeout: 10_000 };

function webClient(slack: SlackConfig, logger: BoltLogger): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logger, ...SLACK_CLIENT_OPTIONS });
}

/** The posting half only (Web API), for processes without HTTP (`--role worker`). */
export function createSlackWorkspace(deps: SlackDeps): SlackWorkspace {
  const logger = deps.logger.child({ adapter: 'slack' });
  return workspaceWith(webClient(deps.slack, boltLogger(logger)), deps, logger);
}

function workspaceWith(client: webApi.WebClient, deps: SlackDeps, logger: Logger): SlackWorkspace {
  const keys = slackKeys(deps.keys);
  const stores = { messages: new SlackMessageStore(deps.redis, keys), once: new SlackOnceStore(deps.redis), keys };
  const { queueChannel, supervisorChannel } = deps.slack;
  const opts = {
    queueChannel, supervisorChannel, publicUrl: deps.publicUrl, reportProblem: deps.reportProblem, evidenceLinks: deps.evidenceLinks,
    ownerMentions: ownerMentions(deps.agentsJson ?? ''),
    casesOf: deps.store ? (consumerId: string, limit: number) => deps.store!.listByConsumer(consumerId, limit) : undefined,
  };
  return new SlackWorkspace(client, stores, deps.agents, opts, logger);
}

/** Mounts POST /slack/events and returns the workspace to register with the core. */
export async function registerSlack(http: FastifyInstance, deps: SlackWebDeps): Promise<SlackWorkspace> {
  const logger = deps.logger.child({ adapter: 'slack' });
  const bolt = boltLogger(logger);
  const map = slackAgentMap(deps.agentsJson);
  if (!map.size) logger.warn('slack: no AGENTS entry has a slackUserId, so nobody can act on cases from Slack');
  const receiver = new ExpressReceiver({ signingSecret: deps.slack.signingSecret, endpoints: SLACK_EVENTS_PATH, logger: bolt, processEventErrorHandler: refuseUnreadable(logger) });
  const app = new App({ token: deps.slack.botToken, receiver, logger: bolt, clientOptions: { slackApiUrl: deps.slack.apiUrl, ...SLACK_CLIENT_OPTIONS } });
  app.error(async (err) => {
    logger.error({ err: err.message, code: (err as { code?: string }).code }, 'slack: listener failed');
  });
  const messages = new SlackMessageStore(deps.redis, slackKeys(deps.keys));
  const interactions = {
    agentOps: deps.agentOps, agents: deps.agents, messages, agentFor: (u: string) => map.get(u), queueChannel: deps.slack.queueChannel, logger,
  };
  registerInteractions(app, interactions);
  registerDeskViews(app, interactions);
  const knowledge = new KnowledgeBase(deps.redis, deps.keys);
  await knowledge.seed();
  const fill = { currency: deps.config?.CURRENCY ?? 'CNY', timeZone: deps.config?.TIMEZONE ?? 'UTC', now: deps.now ?? systemClock };
  const kb = { ...interactions, knowledge, store: deps.store, fill };
  registerKnowledge(app, kb);
  registerCommand(app, { ...interactions, command: deps.slack.command, store: deps.store, publicUrl: deps.publicUrl, kb });
  const problems = new SlackProblems(logger, new SlackOnceStore(deps.redis), slackKeys(deps.keys), deps.reportProblem);
  registerHome(app, { queueIndex: deps.queueIndex, agents: deps.agents, agentFor: interactions.agentFor, problems, publicUrl: deps.publicUrl });

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

/**
 * A signed request Bolt could not even route (the fuzz suite found payloads such as `actions` as a string that make
 * Bolt throw before any listener runs): 400 instead of Bolt's 500, which asked Slack to retry garbage. Listener
 * failures never get here — app.error above takes them — and an authorisation failure keeps Bolt's 401.
 */
function refuseUnreadable(logger: Logger) {
  return async ({ error, response }: { error: Error; response: ServerResponse }): Promise<boolean> => {
    if (response.headersSent) return false;
    const unauthorised = (error as { code?: string }).code === 'slack_bolt_authorization_error';
    if (!unauthorised) logger.warn({ err: error.message }, 'slack: a signed request could not be processed; answered 400');
    response.writeHead(unauthorised ? 401 : 400, { 'content-type': 'text/plain' });
    response.end(unauthorised ? '' : 'The payload was not understood.');
    return true;
  };
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
