/**
 * Every adapter Redress has, in one table the composition root loops over. A channel or workspace declares
 * when it is enabled, its sending half (built in every role: workers deliver and post too) and its HTTP mount
 * (web role only, returning the full adapter). A role can therefore never forget a channel: each enabled one
 * is registered everywhere, mounted or not.
 */
import type { FastifyInstance } from 'fastify';
import type { AgentWorkspacePort } from '../agents/agent-workspace.port.js';
import type { ChannelPort } from '../channels/channel.port.js';
import { configSection, slackConfig, type Config } from '../config/config.js';
import { evidenceLinkOptions } from '../evidence/evidence-link.js';
import type { InboundHandler } from '../messages/inbound-handler.port.js';
import type { FileStoragePort } from '../storage/file-storage.port.js';
import { CONSOLE_SETTINGS, createConsoleWorkspace, registerConsole } from '../../adapters/console/index.js';
import { checkSlackSetup, createSlackWorkspace, registerSlack, type SlackProblem } from '../../adapters/slack/index.js';
import { createTelegramChannel, registerTelegram } from '../../adapters/telegram/index.js';
import { TELEGRAM_SETTINGS } from '../../adapters/telegram/telegram.types.js';
import { createWebchatChannel, registerWebchat } from '../../adapters/webchat/index.js';
import { WEBCHAT_SETTINGS } from '../../adapters/webchat/webchat.types.js';
import { MERCHANT_SETTINGS, merchantEnabled, registerMerchant } from '../../adapters/merchant/index.js';
import type { CoreServices } from './core-services.js';

export interface AdapterContext {
  core: CoreServices;
  inbound: InboundHandler;
  storage: FileStoragePort;
}

interface Adapter<Port> {
  readonly id: string;
  enabled(config: Config): boolean;
  /** The half that sends or posts, for processes that mount nothing. */
  sender(ctx: AdapterContext): Port;
  /** Routes on the shared server (web role); the returned port also sends. */
  mount(http: FastifyInstance, ctx: AdapterContext): Promise<Port>;
  /** Mounted only when the caller asks for the web pages (tests of other parts can leave them out). */
  readonly webPage?: boolean;
  /** Checked once the process is up (every role): problems are reported where supervisors look, never fatal. */
  check?(ctx: AdapterContext): Promise<void>;
}

export type ChannelAdapter = Adapter<ChannelPort>;
export type WorkspaceAdapter = Adapter<AgentWorkspacePort>;

export const CHANNEL_ADAPTERS: readonly ChannelAdapter[] = [
  {
    id: 'webchat',
    webPage: true,
    enabled: () => true,
    sender: ({ core }) => createWebchatChannel({ ...core, config: configSection(core.config, WEBCHAT_SETTINGS) }),
    mount: (http, { core, inbound, storage }) => registerWebchat(http, { ...core, config: configSection(core.config, WEBCHAT_SETTINGS), inbound, storage }),
  },
  {
    id: 'telegram',
    enabled: (c) => !!c.TELEGRAM_BOT_TOKEN,
    sender: ({ core }) => createTelegramChannel({ ...core, config: configSection(core.config, TELEGRAM_SETTINGS) }),
    mount: (http, { core, inbound, storage }) => registerTelegram(http, { ...core, config: configSection(core.config, TELEGRAM_SETTINGS), inbound, storage }),
  },
];

export const WORKSPACE_ADAPTERS: readonly WorkspaceAdapter[] = [
  {
    id: 'console',
    webPage: true,
    enabled: () => true,
    sender: ({ core }) => createConsoleWorkspace(core),
    mount: (http, { core, storage }) => registerConsole(http, { ...core, config: configSection(core.config, CONSOLE_SETTINGS), storage }),
  },
  {
    id: 'slack',
    enabled: (c) => !!slackConfig(c),
    sender: ({ core }) => createSlackWorkspace(slackDeps(core)),
    mount: (http, { core }) => registerSlack(http, { ...slackDeps(core), agentOps: core.agentOps, agentsJson: core.config.AGENTS }),
    check: async ({ core }) => { await checkSlackSetup(slackDeps(core)); },
  },
];

/** An adapter that only serves routes (neither a channel nor a workspace): mounted in the web role, nothing to send. */
export interface RouteAdapter {
  readonly id: string;
  enabled(config: Config): boolean;
  mount(http: FastifyInstance, ctx: AdapterContext): Promise<void>;
}

export const ROUTE_ADAPTERS: readonly RouteAdapter[] = [
  {
    // The merchant's answer page and the platforms' inbound answers (adapters/merchant).
    id: 'merchant',
    enabled: merchantEnabled,
    mount: (http, { core, storage }) => registerMerchant(http, { ...core, config: configSection(core.config, MERCHANT_SETTINGS), storage }),
  },
];

/** Slack's section of the config, and its problems raised to supervisors in the other workspaces (the console). */
function slackDeps(core: CoreServices) {
  const reportProblem = async (p: SlackProblem): Promise<void> => {
    const at = core.now();
    await core.alerts.raise({ kind: 'workspace_problem', complaintId: p.complaintId, text: `Slack: ${p.text}`, at }, `slack:${p.code}:${p.complaintId ?? '-'}:${at}`, 'slack');
  };
  return {
    ...core, config: configSection(core.config, ['CURRENCY', 'TIMEZONE']), slack: slackConfig(core.config)!, publicUrl: core.config.PUBLIC_URL,
    reportProblem, evidenceLinks: evidenceLinkOptions(core.config), agentsJson: core.config.AGENTS,
  };
}
