/**
 * A local Telegram Bot API server (node:http on port 0): `sendMessage`, `sendChatAction`, `answerCallbackQuery`,
 * `getFile`, `getMe`, `setWebhook`, `setMyCommands` and the `/file/bot<token>/<path>` download, answering in the documented shape
 * (`{ ok: true, result }` / `{ ok: false, error_code, description, parameters }`) and recording every call.
 * It refuses with 400 what the real Bot API refuses (https://core.telegram.org/bots/api): message text outside
 * 1–4096 characters, callback_data outside 1–64 bytes, a button without text or with not exactly one action, a
 * malformed inline keyboard (rows of 1–8 buttons, at most 100 in all), and setMyCommands lists that break its
 * rules (1–100 commands of 1–32 characters a-z 0-9 _, descriptions 1–256 characters, two-letter language codes),
 * and a sendChatAction without a chat_id or with an action not in the documented list. It also refuses any
 * sendChatAction parameter beyond the documented ones (business_connection_id, message_thread_id): stricter than
 * Telegram, which ignores them, so a misspelt one cannot pass unnoticed.
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
  /** file_id → { path, bytes } served by getFile and the download route; `delayMs` holds the download back (a slow network). */
  readonly files = new Map<string, { path: string; bytes: Buffer; delayMs?: number }>();
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
          const serve = () => res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': hit.bytes.length }).end(hit.bytes);
          return void setTimeout(serve, hit.delayMs ?? 0);
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
      case 'sendMessage': {
        const problem = sendMessageProblem(call.body);
        if (problem) return { ok: false, error_code: 400, description: `Bad Request: ${problem}` };
        return { ok: true, result: { message_id: ++this.nextMessageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(call.body.chat_id), type: 'private' }, text: call.body.text } };
      }
      case 'sendChatAction': {
        const problem = chatActionProblem(call.body);
        if (problem) return { ok: false, error_code: 400, description: `Bad Request: ${problem}` };
        return { ok: true, result: true };
      }
      case 'setMyCommands': {
        const problem = commandsProblem(call.body);
        if (problem) return { ok: false, error_code: 400, description: `Bad Request: ${problem}` };
        return { ok: true, result: true };
      }
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

/** The Bot API's checks on sendMessage that our sender could break. */
function sendMessageProblem(body: Record<string, unknown>): string | undefined {
  const text = typeof body.text === 'string' ? body.text : '';
  if (!text.trim()) return 'message text is empty';
  // Telegram counts UTF-16 code units (entities parsing aside: we send no parse_mode).
  if (text.length > 4096) return 'message is too long';
  // Clients may send it JSON-encoded (form posts) or as an object (JSON bodies, as telegraf does).
  const markup = (typeof body.reply_markup === 'string' ? JSON.parse(body.reply_markup) : body.reply_markup) as { inline_keyboard?: unknown } | undefined;
  if (markup === undefined) return undefined;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) return "can't parse inline keyboard button: field \"inline_keyboard\" must be an Array of Arrays";
  const buttons = (rows as unknown[][]).flat() as Array<Record<string, unknown>>;
  if (rows.some((r) => (r as unknown[]).length === 0 || (r as unknown[]).length > 8)) return 'BUTTON_DATA_INVALID';
  if (buttons.length > 100) return 'reply markup is too long';
  for (const b of buttons) {
    if (typeof b.text !== 'string' || !b.text) return 'text buttons are unallowed in the inline keyboard';
    const actions = ['callback_data', 'url', 'switch_inline_query', 'pay', 'web_app', 'login_url', 'copy_text'].filter((k) => k in b);
    if (actions.length !== 1) return 'text buttons are unallowed in the inline keyboard';
    if ('callback_data' in b) {
      const bytes = Buffer.byteLength(String(b.callback_data), 'utf8');
      if (typeof b.callback_data !== 'string' || bytes < 1 || bytes > 64) return 'BUTTON_DATA_INVALID';
    }
  }
  return undefined;
}

function commandsProblem(body: Record<string, unknown>): string | undefined {
  const commands = body.commands;
  if (!Array.isArray(commands) || commands.length > 100) return 'commands must be an array of at most 100 BotCommand';
  for (const c of commands as Array<Record<string, unknown>>) {
    if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) return 'BOT_COMMAND_INVALID';
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) return 'BOT_COMMAND_DESCRIPTION_INVALID';
  }
  if (body.language_code !== undefined && !/^[a-z]{2}$/.test(String(body.language_code))) return 'LANG_CODE_INVALID';
  return undefined;
}

/** https://core.telegram.org/bots/api#sendchataction */
const CHAT_ACTIONS = ['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note'];
const CHAT_ACTION_PARAMS = ['chat_id', 'action', 'business_connection_id', 'message_thread_id'];

function chatActionProblem(body: Record<string, unknown>): string | undefined {
  const unknown = Object.keys(body).filter((k) => !CHAT_ACTION_PARAMS.includes(k));
  if (unknown.length) return `unknown parameters ${unknown.join(', ')}`;
  if (typeof body.chat_id !== 'number' && !(typeof body.chat_id === 'string' && body.chat_id !== '')) return 'chat not found';
  if (typeof body.action !== 'string' || !CHAT_ACTIONS.includes(body.action)) return 'wrong type of action';
  return undefined;
}
