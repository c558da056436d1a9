/**
 * A local Telegram Bot API server (node:http on port 0): `sendMessage`, `answerCallbackQuery`, `getFile`, `getMe`,
 * `setWebhook` and the `/file/bot<token>/<path>` download, answering in the documented shape
 * (`{ ok: true, result }` / `{ ok: false, error_code, description, parameters }`) and recording every call.
 */
import { createServer, type Server } from 'node:http';

export interface ApiCall {
  method: string;
  token: string;
  body: Record<string, unknown>;
  /** False when the fake answered with an error. */
  ok: boolean;
}

export interface FakeFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly downloads: string[] = [];
  /** file_id → { path, bytes } served by getFile and the download route. */
  readonly files = new Map<string, { path: string; bytes: Buffer }>();
  private readonly failures: Array<{ method: string; chatId?: string; remaining: number; failure: FakeFailure }> = [];
  private server: Server | undefined;
  private nextMessageId = 1000;
  url = '';

  constructor(readonly token: string) {}

  /** The next `n` calls of `method` (to `chatId`, if given) fail with `failure`. */
  failNext(method: string, failure: FakeFailure, n = 1, chatId?: string): void {
    this.failures.push({ method, chatId, remaining: n, failure });
  }

  /** Messages accepted (failed attempts excluded). */
  sent(chatId?: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.ok && c.method === 'sendMessage' && (chatId === undefined || String(c.body.chat_id) === chatId)).map((c) => c.body);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
        if (file) {
          const hit = [...this.files.values()].find((f) => f.path === file[2]);
          this.downloads.push(file[2]!);
          if (file[1] !== this.token || !hit) return void res.writeHead(404).end();
          return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': hit.bytes.length }).end(hit.bytes);
        }
        const m = /^\/bot([^/]+)\/(\w+)$/.exec(path);
        if (!m) return void res.writeHead(404).end();
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
        const call: ApiCall = { token: m[1]!, method: m[2]!, body, ok: true };
        this.calls.push(call);
        const answer = this.answer(call);
        call.ok = answer.ok === true;
        res.writeHead(answer.ok ? 200 : (answer.error_code as number), { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    return this.url;
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private answer(call: Omit<ApiCall, 'ok'>): Record<string, unknown> {
    if (call.token !== this.token) return { ok: false, error_code: 401, description: 'Unauthorized' };
    const i = this.failures.findIndex((f) => f.method === call.method && (f.chatId === undefined || f.chatId === String(call.body.chat_id)));
    if (i >= 0) {
      const f = this.failures[i]!;
      if (--f.remaining <= 0) this.failures.splice(i, 1);
      return { ok: false, ...f.failure };
    }
    switch (call.method) {
      case 'getMe':
        return { ok: true, result: { id: Number(this.token.split(':')[0]), is_bot: true, first_name: 'Redress', username: 'redress_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false } };
      case 'sendMessage':
        return { ok: true, result: { message_id: ++this.nextMessageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(call.body.chat_id), type: 'private' }, text: call.body.text } };
      case 'answerCallbackQuery':
      case 'setWebhook':
        return { ok: true, result: true };
      case 'getFile': {
        const f = this.files.get(String(call.body.file_id));
        if (!f) return { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' };
        return { ok: true, result: { file_id: call.body.file_id, file_unique_id: `u-${call.body.file_id}`, file_size: f.bytes.length, file_path: f.path } };
      }
      default:
        return { ok: false, error_code: 404, description: 'Not Found' };
    }
  }
}
