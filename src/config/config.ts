/**
 * The one reader of `process.env`. Every key is described here, validated once at start-up, and all
 * problems are reported together. README's configuration table and `.env.example` mirror this schema.
 */
import { z } from 'zod';
import { RedressError } from '../errors.js';
import { parseTrustProxy, type TrustProxySetting } from '../http/client-ip.js';

const duration = (fallbackMinutes: number) =>
  z.coerce.number().positive().default(fallbackMinutes).describe('minutes');
const list = z.string().default('').transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Redis for everything: dialog state, complaints, queues, pub/sub. */
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Comma-separated host:port of Redis Cluster nodes; when set, REDIS_URL is ignored. */
  REDIS_CLUSTER_NODES: list,
  /** Comma-separated host:port of Sentinels; with REDIS_SENTINEL_NAME. */
  REDIS_SENTINELS: list,
  REDIS_SENTINEL_NAME: z.string().default('mymaster'),
  /** Replicas a new complaint must reach (Redis WAIT) before its number is given out: `auto` is 1 while the master reports a connected replica, else 0. */
  REDIS_WAIT_REPLICAS: z.union([z.literal('auto'), z.coerce.number().int().min(0)]).default('auto'),
  /** How long a submit waits for that replica before failing with `redis.not_replicated` (the consumer is asked to retry). */
  REDIS_WAIT_TIMEOUT_MS: z.coerce.number().int().positive().default(1000),
  /**
   * Key prefix: a plain name, no `{`, `}`, `:` or spaces. Each key adds the hash tag of its entity (complaint
   * shard, conversation, queue…; see src/redis/redis-keys.ts), so Redis Cluster spreads them over its masters.
   */
  REDIS_KEY_PREFIX: z.string().regex(/^[^:{}\s]+$/, 'a plain name: no colons, braces or spaces (each key adds its own {hash tag})').default('redress'),
  /**
   * How long the process that wrote a change has to run its side effects (consumer update, handoff, timers,
   * workspaces) before a worker takes them over; also how long a worker holds a change it took.
   */
  CHANGE_LEASE_MS: z.coerce.number().int().min(100).default(15_000),
  /** Attempts at a change's failing side effect (backoff from 0.5 s, doubling to 1 min) before it is recorded as failed on the case. */
  CHANGE_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /** Start a private redis-server under ./.redress/ when nothing answers at REDIS_URL (default on outside production). */
  REDIS_AUTOSTART: z.enum(['true', 'false']).optional(),
  /** While Redis is gone, a request waits this long for it to reconnect before it gets "we can't take messages right now" / 503. */
  REDIS_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(1500),
  /** A consumer turn running longer is given up; its conversation lease is this plus 5 s, so a live turn never loses it. */
  TURN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /**
   * Which proxies' X-Forwarded-For to believe for the client address every per-address limit uses: off (the socket
   * peer is the client), a hop count, or comma-separated proxy addresses/CIDRs, as fastify's `trustProxy` takes.
   */
  TRUST_PROXY: z.string().default('false').transform((s, ctx): TrustProxySetting => {
    try {
      return parseTrustProxy(s);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `off, a hop count or proxy addresses/CIDRs such as 10.0.0.0/8,127.0.0.1 (${(err as Error).message})` });
      return z.NEVER;
    }
  }),
  /** PostgreSQL for the archive (every case, timeline, profile and alert; reports read it). Unset: embedded PostgreSQL (PGlite) in ARCHIVE_DIR, for one process only. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://redress:secret@db:5432/redress').optional(),
  /** Connections each process keeps open to DATABASE_URL at most. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  /** The embedded archive's data directory when DATABASE_URL is unset. */
  ARCHIVE_DIR: z.string().default('./.redress/archive'),
  /** Project every change into the archive (default on, except with NODE_ENV=test, where tests opt in). */
  ARCHIVE_ENABLED: z.enum(['true', 'false']).optional(),
  /** A resolved, closed or cancelled case leaves Redis this many days after its last change, once the archive holds it (worker role); 0 keeps every case in Redis. Needs the archive. */
  ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(0).default(90),
  /** Public base URL (widget script, webhooks, links in Slack). */
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(['en', 'zh']).default('en'),
  /** The bot's name in the consumer's chat ("Hi! You've reached {BOT_NAME}.") and the widget's header and greeting (`data-bot-name` overrides it there); unset: "Customer care" / "客服". */
  BOT_NAME: z.string().trim().min(1).max(40).regex(/^[^\u0000-\u001f\u007f<>]+$/, 'plain text without control characters or < >').optional(),
  /** IANA time zone for times promised to consumers ("by 14:30"). */
  TIMEZONE: z.string().default('UTC').refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'not an IANA time zone such as Asia/Shanghai'),
  /** ISO 4217 currency of amounts shown to consumers (proposals, compensation), e.g. CNY, EUR, USD. */
  CURRENCY: z.string().default('CNY').refine((c) => { try { new Intl.NumberFormat('en', { style: 'currency', currency: c }); return /^[A-Z]{3}$/.test(c); } catch { return false; } }, 'an ISO 4217 currency code such as CNY, EUR or USD'),
  /** An order number as the shop's customers see it, quoted when one is mistyped ("for example MM-240815-001"). */
  ORDER_NUMBER_EXAMPLE: z.string().trim().min(1).max(40).default('MM-240815-001'),
  /** A valid order number, as a regular expression (anchored for you). */
  ORDER_ID_PATTERN: z.string().default('[A-Za-z0-9-]{6,32}').refine((p) => { try { new RegExp(p); return true; } catch { return false; } }, 'not a valid regular expression'),
  SLA_FIRST_RESPONSE_MINUTES: duration(30),
  SLA_DISPATCH_MINUTES: duration(120),
  SLA_MEDIUM_PLAN_MINUTES: duration(48 * 60),
  SLA_HIGH_REPORT_MINUTES: duration(12 * 60),
  /** Emotion flag thresholds on the 0–10 intensity scale (defaults chosen on labelled data; see src/emotion/emotion-thresholds.ts). */
  EMOTION_ANGER_THRESHOLD: z.coerce.number().min(0).max(10).default(3),
  EMOTION_ANXIETY_THRESHOLD: z.coerce.number().min(0).max(10).default(3.5),
  /** Promotion periods that raise logistics complaints' priority: JSON [{"name":"Singles' Day","start":"2026-11-10","end":"2026-11-13"}]. */
  PROMOTIONS: z.string().default('[]').transform((s, ctx) => {
    try {
      const v = JSON.parse(s) as unknown;
      const ok = Array.isArray(v) && v.every((w) => w && typeof w.name === 'string' && !Number.isNaN(Date.parse(String(w.start))) && !Number.isNaN(Date.parse(String(w.end))));
      if (ok) return v as Array<{ name: string; start: string; end: string }>;
    } catch { /* reported below */ }
    ctx.addIssue({ code: 'custom', message: 'a JSON array of {"name","start","end"} with ISO dates' });
    return z.NEVER;
  }),
  /** A consumer quiet this long mid-dialog gets one reminder; the draft is kept. */
  DIALOG_REMINDER_MINUTES: duration(15),
  /** Largest photo accepted as evidence. */
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  UPLOAD_DIR: z.string().default('./.redress/uploads'),
  /** The upload store refuses new files past this many MB (counted in Redis across processes); 0 turns the quota off. */
  UPLOAD_DISK_QUOTA_MB: z.coerce.number().min(0).default(10 * 1024),
  /** Uploads written at the same time by one process (every channel's widget uploads); more get 503 with a retry time. */
  UPLOADS_IN_FLIGHT_MAX: z.coerce.number().int().positive().default(16),
  /** Stored evidence files are deleted this many days after upload (the retention job runs in the worker role); the timeline keeps that they existed. */
  UPLOAD_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  /** Signs expiring evidence links for places without a console session (Slack). Unset: no signed links are issued or accepted. */
  EVIDENCE_LINK_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /** How long a signed evidence link works. */
  EVIDENCE_LINK_TTL_HOURS: z.coerce.number().positive().default(7 * 24),
  /** Inbound message text limit (characters). */
  MESSAGE_MAX_CHARS: z.coerce.number().int().positive().default(4000),
  /** Agents for the local console / Slack mapping: JSON array of {id,name,role,compensationLimit,password?,slackUserId?}. */
  AGENTS: z.string().default(''),
  /** Web widget: comma-separated origins allowed to embed it; empty allows any (a warning at start-up). */
  WEBCHAT_ALLOWED_ORIGINS: list,
  /** Secret that signs widget session tokens. When unset, one is generated and shared through Redis (a warning at start-up): fine for development; required in production. */
  WEBCHAT_SESSION_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /** Shared secret the shop uses to sign its logged-in user id as an HS256 JWT (optional platform identity; see adapters/webchat/README.md). */
  WEBCHAT_IDENTITY_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /** Web widget: messages kept per conversation (both sides) for replay on reload and reconnect. */
  WEBCHAT_HISTORY_MAX: z.coerce.number().int().positive().default(500),
  /** Web widget: days an idle session can still be resumed (the token itself lives an hour and is rotated while connected). */
  WEBCHAT_SESSION_IDLE_DAYS: z.coerce.number().positive().default(30),
  /** Web widget: consumer messages per minute per session (held across processes in Redis). */
  WEBCHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Web widget: connections, messages and uploads per minute per client IP (held across processes in Redis). */
  WEBCHAT_IP_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Web widget: photos per session per hour, and their total MB (held across processes in Redis). */
  WEBCHAT_UPLOADS_PER_HOUR: z.coerce.number().int().positive().default(30),
  WEBCHAT_UPLOAD_MB_PER_HOUR: z.coerce.number().positive().default(100),
  /** Web widget: photos per client address per hour, and their total MB (a shop's office shares one address). */
  WEBCHAT_IP_UPLOADS_PER_HOUR: z.coerce.number().int().positive().default(300),
  WEBCHAT_IP_UPLOAD_MB_PER_HOUR: z.coerce.number().positive().default(1000),
  /** Web widget: uploads one session may have in flight at once (per process); more get 429 with a retry time. */
  WEBCHAT_UPLOADS_IN_FLIGHT_PER_SESSION: z.coerce.number().int().positive().default(3),
  /** Web widget: an upload that sends nothing for this long is dropped (its partial file removed), so a stalled client cannot hold an in-flight slot. */
  WEBCHAT_UPLOAD_IDLE_SECONDS: z.coerce.number().positive().default(30),
  /** Console session cookie signing secret (generated per start when unset: sessions then end on restart and work on one process only); required in production. */
  CONSOLE_SESSION_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /** Console sessions end after this long without a request (server-side, in Redis). */
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(8 * 60).describe('minutes'),
  /** Console login attempts allowed per agent id per 15 minutes (five times as many per client IP). */
  CONSOLE_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  /** Outgoing case events are POSTed here, signed (see src/events/); off when unset. Requires EVENTS_WEBHOOK_SECRET. */
  EVENTS_WEBHOOK_URL: z.string().url().optional(),
  /** HMAC-SHA256 key for X-Redress-Signature on every event; the receiver verifies with the same secret. */
  EVENTS_WEBHOOK_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  /** One event POST may take this long before it counts as failed. */
  EVENTS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Attempts at one event (backoff from EVENTS_RETRY_BASE_MS, doubling to 5 min: about an hour with the defaults) before it is recorded as failed. */
  EVENTS_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(20),
  /** First retry delay of a failed event. */
  EVENTS_RETRY_BASE_MS: z.coerce.number().int().min(10).default(1000),
  /** The platform's order system (README "Order facts"): POSTed {"orderId","consumerId"}, signed; requires ORDER_LOOKUP_SECRET. */
  ORDER_LOOKUP_URL: z.string().url().optional(),
  /** HMAC-SHA256 key that signs each order look-up (X-Redress-Signature), as for events. */
  ORDER_LOOKUP_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  /** An order look-up without an answer this soon is given up: the intake carries on without facts. */
  ORDER_LOOKUP_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
  /** Without ORDER_LOOKUP_URL, check orders against the demo shop's (default: on in development only). */
  ORDER_LOOKUP_DEMO: z.enum(['true', 'false']).optional(),
  /** Signs the merchant's answer links (README "The merchant as a party"; ≥ 32 chars, the same on every process). Unset: requests carry no link; platforms answer through the API. */
  MERCHANT_LINK_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /** A merchant's answer link keeps working this long after the deadline (a late answer is still worth having). */
  MERCHANT_LINK_GRACE_HOURS: z.coerce.number().min(0).max(24 * 30).default(72),
  /** The longest deadline an agent may give a merchant. */
  MERCHANT_MAX_DEADLINE_HOURS: z.coerce.number().positive().max(24 * 90).default(14 * 24),
  /** HMAC-SHA256 key platforms sign `POST /api/merchant/answers` with (X-Redress-Signature, as for events). Unset: the route is off (404). */
  MERCHANT_API_SECRET: z.string().min(16, 'use at least 16 characters').optional(),
  /** Telegram bot token from @BotFather (`123456:ABC…`). The Telegram channel is enabled only when it is set. */
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'a bot token from @BotFather, like 123456:ABC-DEF…').optional(),
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token with each webhook call; required with the token. */
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1–256 characters of A-Z a-z 0-9 _ - (as Telegram requires)').optional(),
  /** Bot API server: Telegram's, a self-hosted telegram-bot-api, or a local fake in tests. */
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  /** Telegram: messages a chat may send per minute; past it the chat is told once to slow down and the rest are not handled. */
  TELEGRAM_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Telegram: messages the bot sends per second across all chats (Bot API: about 30; more with paid broadcasts). */
  TELEGRAM_SENDS_PER_SECOND: z.coerce.number().int().positive().default(30),
  /** The bot's @username (without @); when set, start-up skips Telegram's getMe call. */
  TELEGRAM_BOT_USERNAME: z.string().regex(/^@?[A-Za-z0-9_]{3,64}$/, 'the bot\'s username, e.g. redress_bot').transform((s) => s.replace(/^@/, '')).optional(),
  // Slack agent workspace: on when the token, signing secret and queue channel are all set (a partial section is an error).
  /** Slack bot token (`xoxb-…`) of the Redress Slack app. */
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'a bot token starting with xoxb-').optional(),
  /** Slack app signing secret: every request to /slack/events is verified with it. */
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  /** Channel id (C…/G…) where cases are posted for agents to claim. */
  SLACK_QUEUE_CHANNEL: z.string().regex(/^[CG][A-Z0-9]+$/, 'a channel id such as C0123456789').optional(),
  /** Channel id for supervisor alerts (SLA breaches, escalations, surges); the queue channel when unset. */
  SLACK_SUPERVISOR_CHANNEL: z.string().regex(/^[CG][A-Z0-9]+$/, 'a channel id such as C0123456789').optional(),
  /** Slack Web API base URL (tests point it at a local fake). */
  SLACK_API_URL: z.string().url().default('https://slack.com/api/'),
  /** The slash command agents type (`/redress RD-…`); must match the command in the Slack app's settings. */
  SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command such as /redress (lower case, at most 32 characters)').default('/redress'),
});

export type RawConfig = z.infer<typeof configSchema>;

const SLACK_REQUIRED = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_QUEUE_CHANNEL'] as const;

/** A partial Slack section is a mistake, not "Slack off": names what is missing. */
function slackSectionProblems(env: NodeJS.ProcessEnv): string[] {
  const missing = SLACK_REQUIRED.filter((k) => !env[k]);
  if (!missing.length || missing.length === SLACK_REQUIRED.length) return [];
  return missing.map((k) => `  ${k}: the Slack section is incomplete: set ${missing.join(', ')} too (or unset the other SLACK_ keys)`);
}

/** Secrets production must be given: a generated one would end sessions on restart or be shared through Redis. */
const PRODUCTION_SECRETS = ['WEBCHAT_SESSION_SECRET', 'CONSOLE_SESSION_SECRET'] as const;

/**
 * With NODE_ENV=production, a missing session secret stops start-up (a short one is already refused by the schema).
 * Names the key only: never the value.
 */
function productionProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.NODE_ENV !== 'production') return [];
  return PRODUCTION_SECRETS.filter((k) => !env[k]).map((k) => `  ${k}: required in production (at least 32 characters of random text, the same on every process; e.g. \`openssl rand -base64 48\`)`);
}

/** The Slack section, or null when Slack is off. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  queueChannel: string;
  /** Where supervisor alerts go: SLACK_SUPERVISOR_CHANNEL, else the queue channel. */
  supervisorChannel: string;
  /** With a trailing slash, as the Web API client wants it. */
  apiUrl: string;
  /** SLACK_COMMAND, e.g. `/redress`. */
  command: string;
}

export function slackConfig(c: RawConfig): SlackConfig | null {
  if (!c.SLACK_BOT_TOKEN || !c.SLACK_SIGNING_SECRET || !c.SLACK_QUEUE_CHANNEL) return null;
  return {
    botToken: c.SLACK_BOT_TOKEN, signingSecret: c.SLACK_SIGNING_SECRET, queueChannel: c.SLACK_QUEUE_CHANNEL,
    supervisorChannel: c.SLACK_SUPERVISOR_CHANNEL ?? c.SLACK_QUEUE_CHANNEL,
    apiUrl: c.SLACK_API_URL.endsWith('/') ? c.SLACK_API_URL : `${c.SLACK_API_URL}/`,
    command: c.SLACK_COMMAND,
  };
}


/** The shop's currency (CURRENCY, CNY by default like the demo shop's orders). */
export function currencyOf(c: Pick<RawConfig, 'CURRENCY'>): string {
  return c.CURRENCY;
}

export interface Config extends RawConfig {
  redisAutostart: boolean;
  /** The demo shop's orders answer order look-ups (no ORDER_LOOKUP_URL). */
  orderLookupDemo: boolean;
  /** The archive is projected (off under NODE_ENV=test unless ARCHIVE_ENABLED=true). */
  archiveEnabled: boolean;
  orderIdRegex: RegExp;
  sla: { firstResponseMs: number; dispatchMs: number; mediumPlanMs: number; highReportMs: number };
  dialogReminderMs: number;
}

/** Parses and validates; throws one `config.invalid` error listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  // Cross-key rules: reported together with the schema's own problems.
  if (env.TELEGRAM_BOT_TOKEN && !env.TELEGRAM_WEBHOOK_SECRET) issues.push('  TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_BOT_TOKEN is set (it verifies that webhook calls come from Telegram)');
  issues.push(...slackSectionProblems(env));
  if (env.ORDER_LOOKUP_URL && !env.ORDER_LOOKUP_SECRET) issues.push('  ORDER_LOOKUP_SECRET: required when ORDER_LOOKUP_URL is set (every look-up is signed with it)');
  if (env.EVENTS_WEBHOOK_URL && !env.EVENTS_WEBHOOK_SECRET) issues.push('  EVENTS_WEBHOOK_SECRET: required when EVENTS_WEBHOOK_URL is set (every event is signed with it)');
  if (env.EVENTS_WEBHOOK_SECRET && !env.EVENTS_WEBHOOK_URL) issues.push('  EVENTS_WEBHOOK_URL: EVENTS_WEBHOOK_SECRET is set but there is no webhook to send events to');
  issues.push(...productionProblems(env));
  if (parsed.success && env.ORDER_NUMBER_EXAMPLE && !new RegExp(`^(?:${parsed.data.ORDER_ID_PATTERN})$`).test(parsed.data.ORDER_NUMBER_EXAMPLE)) {
    issues.push('  ORDER_NUMBER_EXAMPLE: does not match ORDER_ID_PATTERN (consumers would be shown an example the bot refuses)');
  }
  if (!parsed.success || issues.length) {
    const problems = issues.join('\n');
    throw new RedressError('config.invalid', `Configuration problems (fix these environment variables):\n${problems}`);
  }
  const c = parsed.data;
  const min = 60_000;
  return {
    ...c,
    redisAutostart: c.REDIS_AUTOSTART ? c.REDIS_AUTOSTART === 'true' : c.NODE_ENV !== 'production',
    orderLookupDemo: !c.ORDER_LOOKUP_URL && (c.ORDER_LOOKUP_DEMO ? c.ORDER_LOOKUP_DEMO === 'true' : c.NODE_ENV === 'development'),
    archiveEnabled: c.ARCHIVE_ENABLED ? c.ARCHIVE_ENABLED === 'true' : c.NODE_ENV !== 'test',
    orderIdRegex: new RegExp(`^(?:${c.ORDER_ID_PATTERN})$`),
    sla: {
      firstResponseMs: c.SLA_FIRST_RESPONSE_MINUTES * min,
      dispatchMs: c.SLA_DISPATCH_MINUTES * min,
      mediumPlanMs: c.SLA_MEDIUM_PLAN_MINUTES * min,
      highReportMs: c.SLA_HIGH_REPORT_MINUTES * min,
    },
    dialogReminderMs: c.DIALOG_REMINDER_MINUTES * min,
  };
}

/**
 * An adapter's own settings: the named keys only, so a channel cannot come to depend on another's secrets or on
 * the core's settings without saying so in its list (issue 8: each adapter gets its config section).
 */
export function configSection<K extends keyof Config>(c: Config, keys: readonly K[]): Pick<Config, K> {
  const section = {} as Pick<Config, K>;
  for (const k of keys) section[k] = c[k];
  return section;
}
