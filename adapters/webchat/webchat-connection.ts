import type { WebSocket } from 'ws';
import type { InboundHandler } from '../../src/messages/inbound-handler.port.js';
import type { Logger } from '../../src/logging/logger.js';
import { isWebchatError } from './webchat.errors.js';
import { agentTypingOf } from './webchat-agent-typing.js';
import type { FanoutListener, WebchatFanout } from './webchat-fanout.js';
import { resolveHello, type HelloContext } from './webchat-hello.js';
import type { WebchatHistoryStore } from './webchat-history.store.js';
import type { WebchatLimits } from './webchat-limits.js';
import { browserTimeZone, parseClientFrame } from './webchat.mapper.js';
import { handleMessageFrame } from './webchat-message.handler.js';
import type { HelloFrame, ServerFrame } from './webchat.protocol.js';
import type { WebchatUploads } from './webchat-uploads.js';
import type { ConsumerTypingRelay } from './webchat-consumer-typing.js';
import type { WebchatSession } from './webchat.types.js';

export interface ConnectionContext {
  hello: HelloContext;
  history: WebchatHistoryStore;
  fanout: WebchatFanout;
  limits: WebchatLimits;
  uploads: WebchatUploads;
  inbound: InboundHandler;
  typing: ConsumerTypingRelay;
  logger: Logger;
  maxChars: number;
  now: () => number;
  /** Resolves while Redis is connected (or reconnects within REDIS_WAIT_MS); throws `redis.unavailable` otherwise. */
  redisReady: () => Promise<void>;
}

const HELLO_TIMEOUT_MS = 10_000;
/** Well inside the token's hour, so a connected widget always holds a live token for uploads. */
const TOKEN_ROTATE_MS = 20 * 60_000;

/**
 * One widget socket: hello → welcome + replay → live. Frames are handled one at a time so a consumer's
 * messages reach the bot in the order typed; live entries that arrive during a replay wait in `buffer`.
 */
export class WebchatConnection implements FanoutListener {
  private session: WebchatSession | undefined;
  private locale: string | undefined;
  private localeGuessed = false;
  private timeZone: string | undefined;
  private displayName: string | undefined;
  private state: 'hello' | 'replaying' | 'live' | 'closed' = 'hello';
  private lastSent = 0;
  private buffer: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(private readonly ws: WebSocket, private readonly ctx: ConnectionContext, private readonly ip: string) {
    this.timers.push(setTimeout(() => this.state === 'hello' && ws.close(4408, 'hello expected'), HELLO_TIMEOUT_MS));
    ws.on('message', (data, isBinary) => {
      const raw = isBinary ? '' : data.toString();
      // The consumer's typing jumps the queue: it must not wait behind the bot's turn, and it touches nothing a message does.
      if (raw.startsWith('{"type":"typing"') && this.takeTyping(raw)) return;
      this.chain = this.chain.then(() => this.onFrame(raw)).catch((err) => this.fail(err));
    });
    ws.on('close', () => this.close());
    ws.on('error', () => this.close());
  }

  send(frame: ServerFrame): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  onEntry(raw: string): void {
    const typing = agentTypingOf(raw);
    // An agent's typing is only for whoever is looking now: never buffered behind a replay, never replayed.
    if (typing) return void (this.state === 'live' && this.send({ type: 'agent_typing', on: typing.on, name: typing.name }));
    if (this.state === 'live') this.deliver(raw);
    else if (this.state === 'replaying') this.buffer.push(raw);
  }

  onResync(): void {
    if (this.state !== 'live') return;
    this.state = 'replaying';
    this.chain = this.chain.then(() => this.replay()).catch((err) => this.fail(err));
  }

  private async onFrame(raw: string): Promise<void> {
    if (this.state === 'closed') return;
    try {
      const frame = parseClientFrame(raw);
      if (frame.type === 'ping') return this.send({ type: 'pong' });
      if (frame.type === 'hello') return this.state === 'hello' ? await this.onHello(frame) : undefined;
      if (!this.session) return this.send({ type: 'error', code: 'input.invalid', message: 'Send {"type":"hello"} first.' });
      if (frame.type === 'typing') return this.ctx.typing.relay(this.session, frame.on);
      await handleMessageFrame(this.ctx, { session: this.session, locale: this.locale, localeGuessed: this.localeGuessed, timeZone: this.timeZone, displayName: this.displayName, ip: this.ip, send: (f) => this.send(f) }, frame);
    } catch (err) {
      if (!isWebchatError(err)) throw err;
      const extra = { ...(err.clientId ? { clientId: err.clientId } : {}), ...(err.retryAfterMs ? { retryAfterMs: err.retryAfterMs } : {}) };
      this.send({ type: 'error', code: err.wireCode, message: err.message, ...extra });
    }
  }

  /** True when `raw` was a well-formed typing frame of a live socket (relayed or dropped by the bound); else the queue has it. */
  private takeTyping(raw: string): boolean {
    if (this.state !== 'live' || !this.session) return false;
    try {
      const frame = parseClientFrame(raw);
      if (frame.type !== 'typing') return false;
      this.ctx.typing.relay(this.session, frame.on);
      return true;
    } catch {
      return false;
    }
  }

  private async onHello(hello: HelloFrame): Promise<void> {
    const { session, resumed, notices, displayName } = await resolveHello(this.ctx.hello, hello);
    this.session = session;
    this.displayName = displayName;
    this.locale = hello.locale;
    this.localeGuessed = hello.localeGuessed === true;
    this.timeZone = browserTimeZone(hello.timeZone);
    this.state = 'replaying';
    for (const n of notices) this.send({ type: 'error', ...n });
    await this.ctx.fanout.listen(session.conversationId, this);
    const headSeq = await this.ctx.history.headSeq(session.conversationId);
    // A lastSeq beyond the head means the history expired meanwhile: replay all there is.
    this.lastSent = resumed && (hello.lastSeq ?? 0) <= headSeq ? hello.lastSeq ?? 0 : 0;
    const { token, expiresAt } = await this.ctx.hello.sessions.issue(session);
    this.send({ type: 'welcome', token, expiresAt, conversationId: session.conversationId, userId: session.userId, headSeq, resumed });
    this.timers.push(setInterval(() => this.rotateToken().catch((err: unknown) => this.ctx.logger.warn({ err: (err as Error).message }, 'webchat token not rotated; the current one stays valid until it expires')), TOKEN_ROTATE_MS));
    await this.replay();
    this.ctx.logger.debug({ conversationId: session.conversationId, resumed }, 'webchat socket joined');
  }

  private async replay(): Promise<void> {
    if (!this.session) return;
    for (const entry of await this.ctx.history.after(this.session.conversationId, this.lastSent)) {
      this.send({ type: 'msg', entry });
      this.lastSent = entry.seq;
    }
    const buffered = this.buffer;
    this.buffer = [];
    this.state = 'live';
    for (const raw of buffered) this.deliver(raw);
  }

  private deliver(raw: string): void {
    const seq = (JSON.parse(raw) as { seq: number }).seq;
    if (seq <= this.lastSent) return;
    this.lastSent = seq;
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(`{"type":"msg","entry":${raw}}`);
  }

  private async rotateToken(): Promise<void> {
    if (!this.session || this.state === 'closed') return;
    const { token, expiresAt } = await this.ctx.hello.sessions.issue(this.session);
    this.send({ type: 'token', token, expiresAt });
  }

  private fail(err: unknown): void {
    this.ctx.logger.error({ err: (err as Error).message, conversationId: this.session?.conversationId }, 'webchat frame failed');
    this.send({ type: 'error', code: 'server.error', message: 'Something went wrong on our side. Please try again in a moment.' });
  }

  private close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    for (const t of this.timers) clearTimeout(t);
    if (this.session) this.ctx.fanout.unlisten(this.session.conversationId, this);
  }
}
