/**
 * A local server that speaks the slice of the Slack Web API Redress uses, with the documented `{ ok: true, … }`
 * shapes, recording every call. It refuses what Slack refuses (Block Kit and modal limits, required arguments:
 * see fake-slack-rules.ts), and a test can make it fail the way a misconfigured workspace does:
 * `channel(id, 'missing' | 'outside')`, `failNext(method, error)`, `revokeToken()`. Point the app at it with SLACK_API_URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REQUIRED, homeViewProblems, messageProblem, viewProblems } from './fake-slack-rules.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** What the fake answered. */
  result: Record<string, unknown>;
}

/** `member`: the bot is in it (default); `outside`: a public channel the bot was not invited to; `missing`: no such channel, or a private one the bot is not in. */
export type ChannelState = 'member' | 'outside' | 'missing';

export interface FakeSlack {
  /** Base URL with the trailing slash, e.g. `http://127.0.0.1:43121/api/`. */
  url: string;
  calls: SlackCall[];
  of(method: string): SlackCall[];
  /** Calls Slack accepted. */
  ok(method: string): SlackCall[];
  channel(id: string, state: ChannelState): void;
  /** The next `times` calls of `method` (whose args pass `when`) fail with `error`. */
  failNext(method: string, error: string, o?: { times?: number; when?: (args: Record<string, unknown>) => boolean }): void;
  revokeToken(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);
const TOKEN = 'Bearer xoxb-test-token';

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  return out;
}

interface Failure { method: string; error: string; times: number; when?: (args: Record<string, unknown>) => boolean }

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const channels = new Map<string, ChannelState>();
  const failures: Failure[] = [];
  const posted = new Set<string>();
  /** Open modals: view id → its current hash (views.update needs a known id, and the hash when given). */
  const views = new Map<string, string>();
  let revoked = false;
  let seq = 0;
  const nextTs = () => `${1764000000 + ++seq}.000100`;
  const answer = (method: string, args: Record<string, unknown>, auth: string | undefined): Record<string, unknown> => {
    if (auth !== TOKEN || revoked) return { ok: false, error: auth ? 'invalid_auth' : 'not_authed' };
    const failure = failures.find((f) => f.method === method && f.times > 0 && (!f.when || f.when(args)));
    if (failure) {
      failure.times -= 1;
      return { ok: false, error: failure.error };
    }
    for (const [arg, error] of REQUIRED[method] ?? []) if (args[arg] === undefined || args[arg] === '') return { ok: false, error };
    const state = typeof args.channel === 'string' ? (channels.get(args.channel) ?? 'member') : 'member';
    return respond(method, args, state, { nextTs, posted, views });
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const args = parseArgs(Buffer.concat(chunks).toString('utf8'), String(req.headers['content-type'] ?? ''));
      const body = answer(method, args, req.headers.authorization);
      calls.push({ method, args, result: body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    of: (method) => calls.filter((c) => c.method === method),
    ok: (method) => calls.filter((c) => c.method === method && c.result.ok === true),
    channel: (channelId, state) => void channels.set(channelId, state),
    failNext: (method, error, o = {}) => void failures.push({ method, error, times: o.times ?? 1, when: o.when }),
    revokeToken: () => { revoked = true; },
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

interface Ctx { nextTs: () => string; posted: Set<string>; views: Map<string, string> }

function respond(method: string, a: Record<string, unknown>, state: ChannelState, ctx: Ctx): Record<string, unknown> {
  const channelError = state === 'missing' ? 'channel_not_found' : state === 'outside' ? 'not_in_channel' : null;
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://redress-test.slack.com/', team: 'Redress Test', user: 'redress', team_id: 'T0TEST', user_id: 'UBOT', bot_id: 'BBOT', is_enterprise_install: false };
    case 'conversations.info':
      if (state === 'missing') return { ok: false, error: 'channel_not_found' };
      return { ok: true, channel: { id: a.channel, name: `channel-${String(a.channel).toLowerCase()}`, is_channel: true, is_private: false, is_archived: false, is_member: state === 'member' } };
    case 'chat.postMessage': {
      if (channelError) return { ok: false, error: channelError };
      const problem = messageProblem(a);
      if (problem) return { ok: false, ...problem };
      // A reply to a message that is not there (Slack's exact code for this is unconfirmed; the adapter treats it as permanent).
      if (a.thread_ts !== undefined && !ctx.posted.has(`${String(a.channel)}/${String(a.thread_ts)}`)) return { ok: false, error: 'thread_not_found' };
      const ts = ctx.nextTs();
      ctx.posted.add(`${String(a.channel)}/${ts}`);
      return { ok: true, channel: a.channel, ts, message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: a.text, ts, ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}) } };
    }
    case 'chat.update': {
      if (channelError) return { ok: false, error: channelError };
      if (!ctx.posted.has(`${String(a.channel)}/${String(a.ts)}`)) return { ok: false, error: 'message_not_found' };
      const problem = messageProblem(a);
      if (problem) return { ok: false, ...problem };
      return { ok: true, channel: a.channel, ts: a.ts, text: a.text, message: { text: a.text, user: 'UBOT' } };
    }
    case 'chat.postEphemeral': {
      if (channelError) return { ok: false, error: channelError };
      const problem = messageProblem(a);
      return problem ? { ok: false, ...problem } : { ok: true, message_ts: ctx.nextTs() };
    }
    case 'views.open': {
      const errors = viewProblems(a.view);
      if (errors.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors } };
      const viewId = `V${ctx.views.size + 1}`;
      const hash = `h${viewId}.1`;
      ctx.views.set(viewId, hash);
      return { ok: true, view: { id: viewId, team_id: 'T0TEST', hash, ...(a.view as object) } };
    }
    case 'views.update': {
      // Slack wants the view_id (or the external_id) of an open view; a stale hash is refused.
      if (typeof a.view_id !== 'string' && typeof a.external_id !== 'string') return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['view_id or external_id required'] } };
      if (a.view_id !== undefined && !ctx.views.has(String(a.view_id))) return { ok: false, error: 'not_found' };
      if (a.hash !== undefined && ctx.views.get(String(a.view_id)) !== a.hash) return { ok: false, error: 'hash_conflict' };
      const errors = viewProblems(a.view);
      if (errors.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors } };
      const hash = `h${String(a.view_id)}.${Number(String(ctx.views.get(String(a.view_id))).split('.')[1]) + 1}`;
      ctx.views.set(String(a.view_id), hash);
      return { ok: true, view: { id: a.view_id, team_id: 'T0TEST', hash, ...(a.view as object) } };
    }
    case 'views.publish': {
      // Slack wants the user id of someone in the workspace; ours all start with U or W.
      if (typeof a.user_id !== 'string' || !/^[UW][A-Z0-9]+$/.test(a.user_id)) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['user_id: not a user id'] } };
      const errors = homeViewProblems(a.view);
      if (errors.length) return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors } };
      return { ok: true, view: { id: `V${Date.now()}`, team_id: 'T0TEST', ...(a.view as object) } };
    }
    default:
      return { ok: false, error: 'unknown_method' };
  }
}
