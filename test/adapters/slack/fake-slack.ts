/**
 * A local server that speaks the slice of the Slack Web API Redress uses, with the documented `{ ok: true, … }`
 * shapes, recording every call. Point the app at it with SLACK_API_URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** What the fake answered. */
  result: Record<string, unknown>;
}

export interface FakeSlack {
  /** Base URL with the trailing slash, e.g. `http://127.0.0.1:43121/api/`. */
  url: string;
  calls: SlackCall[];
  of(method: string): SlackCall[];
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  return out;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  let seq = 0;
  const nextTs = () => `${1764000000 + ++seq}.000100`;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const args = parseArgs(Buffer.concat(chunks).toString('utf8'), String(req.headers['content-type'] ?? ''));
      const authorised = req.headers.authorization === 'Bearer xoxb-test-token';
      const body = authorised ? respond(method, args, nextTs) : { ok: false, error: 'invalid_auth' };
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
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function respond(method: string, a: Record<string, unknown>, nextTs: () => string): Record<string, unknown> {
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://redress-test.slack.com/', team: 'Redress Test', user: 'redress', team_id: 'T0TEST', user_id: 'UBOT', bot_id: 'BBOT', is_enterprise_install: false };
    case 'chat.postMessage': {
      const ts = nextTs();
      return { ok: true, channel: a.channel, ts, message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: a.text, ts, ...(a.thread_ts ? { thread_ts: a.thread_ts } : {}) } };
    }
    case 'chat.update':
      return { ok: true, channel: a.channel, ts: a.ts, text: a.text, message: { text: a.text, user: 'UBOT' } };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: nextTs() };
    case 'views.open':
      return { ok: true, view: { id: `V${Date.now()}`, team_id: 'T0TEST', ...(a.view as object) } };
    default:
      return { ok: false, error: 'unknown_method' };
  }
}
