import type { HistoryEntry, MessageFrame, ServerFrame } from '../webchat.protocol.js';
import { Connection, type LinkState } from './connection.js';
import { fill, type Strings } from './i18n.js';
import { newClientId, Outbox } from './outbox.js';
import type { Persisted } from './persisted.js';
import { Renderer } from './render.js';
import { PhotoFlow } from './photo.flow.js';
import { ReadState } from './read-state.js';
import type { View } from './view.js';

export interface ChatOptions {
  base: string;
  locale: 'en' | 'zh';
  /** No data-locale on the page: `locale` is the browser's language, and what the consumer writes may change it. */
  localeGuessed: boolean;
  userId?: string;
  userSignature?: string;
}

function browserZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** Wires the socket, the outbox and the view: every server frame and every consumer action lands here. */
export class ChatController {
  token: string | undefined;
  private conversationId: string | undefined;
  private lastSeq = 0;
  private readonly read: ReadState;
  private typingTimer: number | undefined;
  private botTyping = false;
  /** The agent typing in the console right now, until a stop, their reply, 8 s without a refresh or a disconnect. */
  private agentTyping: string | undefined;
  private agentTypingTimer: number | undefined;
  private readonly outbox: Outbox;
  private readonly conn: Connection;
  readonly render: Renderer;
  private readonly photos: PhotoFlow;

  constructor(private readonly view: View, private readonly t: Strings, private readonly store: Persisted, private readonly opts: ChatOptions) {
    this.token = store.get<string | undefined>('token', undefined);
    this.read = new ReadState(store);
    document.addEventListener('visibilitychange', () => this.looking() && this.markRead());
    this.outbox = new Outbox(store);
    this.photos = new PhotoFlow(this, view, opts.base, opts.locale);
    this.render = new Renderer(t, opts.locale, {
      // The pressed button disappears with its prompt: focus goes to the text box, never to <body>.
      choose: (value, label) => { this.submit({ action: value, text: label }, label); view.input.focus(); },
      rate: (n, value) => { this.submit({ action: value, text: '★'.repeat(n) + '☆'.repeat(5 - n) }, '★'.repeat(n)); view.input.focus(); },
      pickPhoto: () => view.file.click(),
      photoUrl: (id) => this.photos.url(id),
    });
    const wsUrl = `${opts.base.replace(/^http/, 'ws')}/webchat/ws`;
    this.conn = new Connection(wsUrl, {
      hello: () => ({ type: 'hello', token: this.token, lastSeq: this.lastSeq, locale: opts.locale, ...(opts.localeGuessed ? { localeGuessed: true } : {}), timeZone: browserZone(), userId: opts.userId, userSignature: opts.userSignature }),
      frame: (f) => this.onFrame(f),
      state: (s) => this.onLinkState(s),
    });
  }

  start(): void {
    for (const p of this.outbox.all()) this.view.log.appendChild(this.pendingLi(p.frame.clientId, p.display, p.ts, p.previews));
    this.conn.connect();
  }

  /**
   * Opening lands on what is new: a "new messages" marker above the first bot message since the consumer last
   * looked, scrolled into view, but never so far up that the latest prompt's buttons are out of sight. With nothing
   * new (a reload), the end of the log, where the current prompt is.
   */
  setOpen(open: boolean): void {
    this.view.setOpen(open);
    if (!open) return;
    this.view.log.querySelector('li.unread-marker')?.remove();
    const first = Array.from(this.view.log.querySelectorAll<HTMLElement>('li.msg.bot[data-seq]')).find((li) => this.read.isNew(Number(li.dataset.seq)));
    const marker = first ? this.render.unreadMarker() : null;
    if (first && marker) first.before(marker);
    this.view.showFrom(marker);
    this.markRead();
  }

  /** The consumer can see the log: panel open and the tab in front. */
  private looking(): boolean {
    return this.view.isOpen && document.visibilityState === 'visible';
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
    this.view.log.querySelector('li.unread-marker')?.remove();
    this.view.scrollToEnd();
    this.conn.send(frame);
  }

  /** The consumer's typing, for the agents on their case (widget/consumer-typing.ts); dropped while offline. */
  sendTyping(on: boolean): void {
    this.conn.send({ type: 'typing', on });
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
    if (f.type === 'typing') return this.setTyping(f.on);
    if (f.type === 'agent_typing') return this.setAgentTyping(f.on ? f.name : undefined);
  }

  private onWelcome(f: Extract<ServerFrame, { type: 'welcome' }>): void {
    if (this.conversationId && this.conversationId !== f.conversationId) this.clearLog();
    this.read.joined(f.conversationId);
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
    // A prompt's buttons stay until it is answered or a newer prompt brings its own: a progress note or "…closed"
    // arriving after "Anything to add? [Skip]" or a proposal must not take their buttons away.
    if (e.from === 'user' || li.querySelector('.live')) {
      for (const old of Array.from(this.view.log.querySelectorAll('.live'))) if (!li.contains(old)) old.remove();
    }
    if (e.from === 'bot') this.onBotEntry(e);
    if (e.kind === 'agent_reply' && this.agentTyping) this.setAgentTyping(undefined);
    if (this.view.isOpen) this.view.scrollToEnd();
  }

  private onBotEntry(e: HistoryEntry): void {
    if (!this.read.isNew(e.seq)) return;
    // The name is the bubble's label, not part of its text: say it, or a screen reader hears a reply with no author.
    this.view.announce(`${e.author ? fill(this.t.newMessageFrom, { name: e.author }) : this.t.newMessage} ${e.text}`);
    if (this.looking()) return this.markRead();
    this.view.setUnread(this.read.arrived());
  }

  private onAck(clientId: string): void {
    this.outbox.remove(clientId);
    const li = this.view.log.querySelector<HTMLElement>(`li.pending[data-client-id="${clientId}"]`);
    if (li) this.render.setDelivery(li, 'sent', Number(li.getAttribute('data-ts')) || Date.now());
  }

  private onError(f: Extract<ServerFrame, { type: 'error' }>): void {
    if (!f.clientId) return this.note(f.message);
    const queued = this.outbox.all().find((x) => x.frame.clientId === f.clientId);
    // Refused, not failed (Redis full or gone, or a rate limit): the message stays in the outbox, so a reload keeps
    // it too, and goes again later. `server.unavailable` without retryAfterMs came after the ack: that one failed.
    if (f.code === 'rate.limited' || (f.code === 'server.unavailable' && f.retryAfterMs && queued)) {
      if (f.code === 'server.unavailable') this.noteOnce(f.message);
      window.setTimeout(() => queued && this.outbox.all().includes(queued) && this.conn.send(queued.frame), f.retryAfterMs ?? 5000);
      return;
    }
    this.setTyping(false);
    const p = this.outbox.remove(f.clientId);
    const li = this.view.log.querySelector<HTMLElement>(`li[data-client-id="${f.clientId}"]`);
    if (li) this.render.setDelivery(li, 'failed', p?.ts ?? Date.now(), f.message);
  }

  private onLinkState(s: LinkState): void {
    // Nobody is answering over a dropped connection.
    if (s !== 'online') {
      this.setTyping(false);
      this.setAgentTyping(undefined);
    }
    this.view.setStatus(s === 'offline' ? `${this.t.reconnecting} ${this.t.offline}` : null);
  }

  /** A note, unless the newest one already says it (a long outage refuses every resend with the same text). */
  private noteOnce(text: string): void {
    const notes = this.view.log.querySelectorAll('li.msg.system');
    if (notes[notes.length - 1]?.textContent !== text) this.note(text);
  }

  note(text: string): void {
    const li = document.createElement('li');
    li.className = 'msg system';
    li.appendChild(document.createElement('span')).className = 'meta';
    (li.firstChild as HTMLElement).textContent = text;
    this.view.log.insertBefore(li, this.view.log.querySelector('li.pending'));
  }

  /**
   * "Typing…" only while the server says this socket's turn is running (`typing` frames around the bot's turn),
   * never guessed from a sent message. The timer is a safety net past the server's turn timeout.
   */
  private setTyping(on: boolean): void {
    this.botTyping = on;
    window.clearTimeout(this.typingTimer);
    if (on) this.typingTimer = window.setTimeout(() => this.setTyping(false), 30_000);
    this.showTyping();
  }

  /** An agent's name while they type in the console (each `agent_typing` on refreshes it), undefined to hide it. */
  private setAgentTyping(name: string | undefined): void {
    this.agentTyping = name;
    window.clearTimeout(this.agentTypingTimer);
    if (name) this.agentTypingTimer = window.setTimeout(() => this.setAgentTyping(undefined), 8_000);
    this.showTyping();
  }

  /** One line for both: the bot's turn wins while it runs, then the agent's name. */
  private showTyping(): void {
    const text = this.botTyping ? this.t.typing : this.agentTyping ? fill(this.t.agentTyping, { name: this.agentTyping }) : '';
    this.view.typing.hidden = !text;
    if (text) this.view.typingText.textContent = text;
  }

  private markRead(): void {
    this.read.readUpTo(this.lastSeq);
    this.view.setUnread(0);
  }

  private saveToken(token: string): void {
    this.token = token;
    this.store.set('token', token);
  }

  private clearLog(): void {
    this.lastSeq = 0;
    for (const li of Array.from(this.view.log.querySelectorAll('li:not(.pending):not(.greeting)'))) li.remove();
  }
}
