import type { HistoryEntry, MessageFrame, ServerFrame } from '../webchat.protocol.js';
import { Connection, type LinkState } from './connection.js';
import type { Strings } from './i18n.js';
import { newClientId, Outbox } from './outbox.js';
import type { Persisted } from './persisted.js';
import { Renderer } from './render.js';
import { PhotoFlow } from './photo.flow.js';
import type { View } from './view.js';

export interface ChatOptions {
  base: string;
  locale: 'en' | 'zh';
  userId?: string;
  userSignature?: string;
}

/** Wires the socket, the outbox and the view: every server frame and every consumer action lands here. */
export class ChatController {
  token: string | undefined;
  private conversationId: string | undefined;
  private lastSeq = 0;
  private readSeq: number;
  private unread = 0;
  private typingTimer: number | undefined;
  private readonly outbox: Outbox;
  private readonly conn: Connection;
  readonly render: Renderer;
  private readonly photos: PhotoFlow;

  constructor(private readonly view: View, private readonly t: Strings, private readonly store: Persisted, private readonly opts: ChatOptions) {
    this.token = store.get<string | undefined>('token', undefined);
    this.readSeq = store.get('read', 0);
    this.outbox = new Outbox(store);
    this.photos = new PhotoFlow(this, view, opts.base);
    this.render = new Renderer(t, opts.locale, {
      choose: (value, label) => this.submit({ action: value, text: label }, label),
      rate: (n) => this.submit({ action: `rating:${n}`, text: '★'.repeat(n) + '☆'.repeat(5 - n) }, '★'.repeat(n)),
      pickPhoto: () => view.file.click(),
      photoUrl: (id) => this.photos.url(id),
    });
    const wsUrl = `${opts.base.replace(/^http/, 'ws')}/webchat/ws`;
    this.conn = new Connection(wsUrl, {
      hello: () => ({ type: 'hello', token: this.token, lastSeq: this.lastSeq, locale: opts.locale, userId: opts.userId, userSignature: opts.userSignature }),
      frame: (f) => this.onFrame(f),
      state: (s) => this.onLinkState(s),
    });
  }

  start(): void {
    for (const p of this.outbox.all()) this.view.log.appendChild(this.pendingLi(p.frame.clientId, p.display, p.ts, p.previews));
    this.conn.connect();
  }

  setOpen(open: boolean): void {
    this.view.setOpen(open);
    if (open) this.markRead();
  }

  /** Queues (persisted) and sends if online; the bubble shows "sending" until the server acks. */
  submit(content: Omit<MessageFrame, 'type' | 'clientId'>, display: string, previews?: string[], li?: HTMLLIElement): void {
    const frame: MessageFrame = { type: 'message', clientId: newClientId(), ...content };
    const ts = Date.now();
    this.outbox.add({ frame, display, ts, previews });
    if (li) {
      li.replaceWith(this.pendingLi(frame.clientId, display, ts, previews));
    } else {
      this.view.log.appendChild(this.pendingLi(frame.clientId, display, ts, previews));
    }
    this.view.scrollToEnd();
    this.conn.send(frame);
    this.setTyping(true);
  }

  private pendingLi(clientId: string, display: string, ts: number, previews?: string[]): HTMLLIElement {
    const li = this.render.pending(clientId, previews?.length ? '' : display, ts, previews);
    li.classList.add('pending');
    li.setAttribute('data-ts', String(ts));
    return li;
  }

  private onFrame(f: ServerFrame): void {
    if (f.type === 'welcome') return this.onWelcome(f);
    if (f.type === 'token') return this.saveToken(f.token);
    if (f.type === 'msg') return this.onEntry(f.entry);
    if (f.type === 'ack') return this.onAck(f.clientId);
    if (f.type === 'error') return this.onError(f);
  }

  private onWelcome(f: Extract<ServerFrame, { type: 'welcome' }>): void {
    if (this.conversationId && this.conversationId !== f.conversationId) this.clearLog();
    if (!f.resumed) this.lastSeq = 0;
    this.conversationId = f.conversationId;
    this.saveToken(f.token);
    this.conn.markOnline();
    for (const p of this.outbox.all()) this.conn.send(p.frame);
  }

  private onEntry(e: HistoryEntry): void {
    if (e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    const li = this.render.entry(e);
    const mine = e.clientId ? this.view.log.querySelector(`li.pending[data-client-id="${e.clientId}"]`) : null;
    if (mine) mine.replaceWith(li);
    else this.view.log.insertBefore(li, this.view.log.querySelector('li.pending'));
    for (const old of Array.from(this.view.log.querySelectorAll('.live'))) if (!li.contains(old)) old.remove();
    if (e.from === 'bot') this.onBotEntry(e);
    this.view.scrollToEnd();
  }

  private onBotEntry(e: HistoryEntry): void {
    this.setTyping(false);
    if (e.seq <= this.readSeq) return;
    this.view.announce(`${this.t.newMessage} ${e.text}`);
    if (!this.view.panel.hidden) return this.markRead();
    this.unread += 1;
    this.view.setUnread(this.unread);
  }

  private onAck(clientId: string): void {
    this.outbox.remove(clientId);
    const li = this.view.log.querySelector<HTMLElement>(`li.pending[data-client-id="${clientId}"]`);
    if (li) this.render.setDelivery(li, 'sent', Number(li.getAttribute('data-ts')) || Date.now());
  }

  private onError(f: Extract<ServerFrame, { type: 'error' }>): void {
    if (!f.clientId) return this.note(f.message);
    if (f.code === 'rate.limited') {
      const p = this.outbox.all().find((x) => x.frame.clientId === f.clientId);
      window.setTimeout(() => p && this.conn.send(p.frame), f.retryAfterMs ?? 5000);
      return;
    }
    this.setTyping(false);
    const p = this.outbox.remove(f.clientId);
    const li = this.view.log.querySelector<HTMLElement>(`li[data-client-id="${f.clientId}"]`);
    if (li) this.render.setDelivery(li, 'failed', p?.ts ?? Date.now(), f.message);
  }

  private onLinkState(s: LinkState): void {
    this.view.setStatus(s === 'offline' ? `${this.t.reconnecting} ${this.t.offline}` : null);
  }

  note(text: string): void {
    const li = document.createElement('li');
    li.className = 'msg system';
    li.setAttribute('role', 'note');
    li.appendChild(document.createElement('span')).className = 'meta';
    (li.firstChild as HTMLElement).textContent = text;
    this.view.log.insertBefore(li, this.view.log.querySelector('li.pending'));
  }

  private setTyping(on: boolean): void {
    this.view.typing.hidden = !on;
    window.clearTimeout(this.typingTimer);
    if (on) this.typingTimer = window.setTimeout(() => (this.view.typing.hidden = true), 20_000);
  }

  private markRead(): void {
    this.readSeq = Math.max(this.readSeq, this.lastSeq);
    this.store.set('read', this.readSeq);
    this.unread = 0;
    this.view.setUnread(0);
  }

  private saveToken(token: string): void {
    this.token = token;
    this.store.set('token', token);
  }

  private clearLog(): void {
    this.lastSeq = 0;
    for (const li of Array.from(this.view.log.querySelectorAll('li:not(.pending)'))) li.remove();
  }
}
