import type { ClientFrame, HelloFrame, ServerFrame } from '../webchat.protocol.js';

export type LinkState = 'connecting' | 'online' | 'offline';

export interface ConnectionEvents {
  hello(): HelloFrame;
  frame(frame: ServerFrame): void;
  state(state: LinkState): void;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * The socket, kept open: on any close it reconnects with exponential backoff and jitter (so a restarted server
 * is not stampeded), sooner when the browser says it is back online or the tab becomes visible.
 */
export class Connection {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private timer: number | undefined;
  /** Set by the first connect(): before it (or when the chat is not available on this site) nothing reconnects. */
  private started = false;

  constructor(private readonly url: string, private readonly on: ConnectionEvents) {
    window.addEventListener('online', () => this.retryNow());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && this.retryNow());
  }

  connect(): void {
    this.started = true;
    this.on.state(this.attempt === 0 ? 'connecting' : 'offline');
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify(this.on.hello()));
    ws.onmessage = (ev) => this.receive(ev.data);
    ws.onclose = () => this.scheduleReconnect(ws);
  }

  /** False when offline: the caller keeps the frame (the outbox resends it after the next welcome). */
  send(frame: ClientFrame): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  markOnline(): void {
    this.attempt = 0;
    this.on.state('online');
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    try {
      this.on.frame(JSON.parse(data) as ServerFrame);
    } catch {
      /* a frame we cannot read is skipped, never fatal */
    }
  }

  private scheduleReconnect(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.on.state('offline');
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** this.attempt) * (0.75 + Math.random() / 2);
    this.attempt += 1;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.connect(), delay);
  }

  private retryNow(): void {
    if (!this.started) return;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) return;
    window.clearTimeout(this.timer);
    this.connect();
  }
}
