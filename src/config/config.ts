/**
 * The one reader of `process.env`. Every key is described here, validated once at start-up, and all
 * problems are reported together. README's configuration table and `.env.example` mirror this schema.
 */
import { z } from 'zod';
import { RedressError } from '../errors.js';

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
  /** Key prefix; a {hash tag} keeps every key in one Cluster slot. */
  REDIS_KEY_PREFIX: z.string().regex(/^[^:\s]+$/, 'no colons or spaces').default('{redress}'),
  /** Start a private redis-server under ./.redress/ when nothing answers at REDIS_URL (default on outside production). */
  REDIS_AUTOSTART: z.enum(['true', 'false']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Public base URL (widget script, webhooks, links in Slack). */
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(['en', 'zh']).default('en'),
  /** IANA time zone for times promised to consumers ("by 14:30"). */
  TIMEZONE: z.string().default('UTC').refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'not an IANA time zone such as Asia/Shanghai'),
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
  /** Inbound message text limit (characters). */
  MESSAGE_MAX_CHARS: z.coerce.number().int().positive().default(4000),
  /** Agents for the local console / Slack mapping: JSON array of {id,name,role,compensationLimit,password?,slackUserId?}. */
  AGENTS: z.string().default(''),
  /** Web widget: comma-separated origins allowed to embed it; empty allows any (a warning at start-up). */
  WEBCHAT_ALLOWED_ORIGINS: list,
  /** Secret that signs widget session tokens. When unset, one is generated and shared through Redis (a warning at start-up): fine for development, set it in production. */
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
  /** Console session cookie signing secret (generated per start when unset: sessions then end on restart and work on one process only). */
  CONSOLE_SESSION_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  /** Console sessions end after this long without a request (server-side, in Redis). */
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(8 * 60).describe('minutes'),
  /** Console login attempts allowed per agent id per 15 minutes (five times as many per client IP). */
  CONSOLE_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(10),
  /** Telegram bot token from @BotFather (`123456:ABC…`). The Telegram channel is enabled only when it is set. */
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'a bot token from @BotFather, like 123456:ABC-DEF…').optional(),
  /** Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token with each webhook call; required with the token. */
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '1–256 characters of A-Z a-z 0-9 _ - (as Telegram requires)').optional(),
  /** Bot API server: Telegram's, a self-hosted telegram-bot-api, or a local fake in tests. */
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
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
});

export type RawConfig = z.infer<typeof configSchema>;

const SLACK_REQUIRED = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_QUEUE_CHANNEL'] as const;

/** A partial Slack section is a mistake, not "Slack off": names what is missing. */
function slackSectionProblems(env: NodeJS.ProcessEnv): string[] {
  const missing = SLACK_REQUIRED.filter((k) => !env[k]);
  if (!missing.length || missing.length === SLACK_REQUIRED.length) return [];
  return missing.map((k) => `  ${k}: the Slack section is incomplete: set ${missing.join(', ')} too (or unset the other SLACK_ keys)`);
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
}

export function slackConfig(c: RawConfig): SlackConfig | null {
  if (!c.SLACK_BOT_TOKEN || !c.SLACK_SIGNING_SECRET || !c.SLACK_QUEUE_CHANNEL) return null;
  return {
    botToken: c.SLACK_BOT_TOKEN, signingSecret: c.SLACK_SIGNING_SECRET, queueChannel: c.SLACK_QUEUE_CHANNEL,
    supervisorChannel: c.SLACK_SUPERVISOR_CHANNEL ?? c.SLACK_QUEUE_CHANNEL,
    apiUrl: c.SLACK_API_URL.endsWith('/') ? c.SLACK_API_URL : `${c.SLACK_API_URL}/`,
  };
}

export interface Config extends RawConfig {
  redisAutostart: boolean;
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
  if (!parsed.success || issues.length) {
    const problems = issues.join('\n');
    throw new RedressError('config.invalid', `Configuration problems (fix these environment variables):\n${problems}`);
  }
  const c = parsed.data;
  const min = 60_000;
  return {
    ...c,
    redisAutostart: c.REDIS_AUTOSTART ? c.REDIS_AUTOSTART === 'true' : c.NODE_ENV !== 'production',
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
