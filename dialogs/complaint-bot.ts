import { systemClock, type Clock } from '../src/clock.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConversationState, TurnContext, type Storage } from 'botbuilder';
import type { ChainableCommander } from 'ioredis';
import { DialogContextError, DialogSet, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { DeferredEffects } from '../src/changes/deferred-effects.js';
import type { ComplaintService } from '../src/complaints/complaint.service.js';
import type { Complaint } from '../src/complaints/complaint.types.js';
import { isRedressError } from '../src/errors.js';
import { t, validTimeZone } from '../src/i18n/catalog.js';
import { isOpen } from '../src/complaints/complaint-state-machine.js';
import type { Logger } from '../src/logging/logger.js';
import { consumerIdOf } from '../src/messages/consumer-id.js';
import type { InboundHandler } from '../src/messages/inbound-handler.port.js';
import type { InboundMessage, OutboundMessage } from '../src/messages/message.types.js';
import type { OrderCheck, RecentOrders } from '../src/orders/order-check.js';
import type { ConversationGate } from '../src/redis/conversation-gate.js';
import { redisOutageOf, redisUnavailable } from '../src/redis/redis-availability.js';
import type { Triage } from '../src/triage/triage.js';
import { toActivity } from './activity.mapper.js';
import { addIntakeDialogs, INTAKE, submit } from './complaint-intake.dialog.js';
import { runCommand } from './consumer-commands.js';
import { runConsumerAction, takeRatingComment, takeTypedRating } from './consumer-actions.js';
import { timeFor } from './intake-prompts.js';
import { acknowledgeFeelings, answerUnsupported, botName, settleLanguage, welcome, type OpeningDeps } from './conversation-opening.js';
import { addressOf, type ConversationData, type IntakeDeps } from './intake-state.js';
import { photoProblem } from './photo-evidence.dialog.js';
import { FIELD } from './field.dialogs.js';
import { RedressBotAdapter } from './redress-bot.adapter.js';
import { RedisDialogStorage } from './redis-dialog.storage.js';
import { sanitizeText } from './text-input.js';

export interface ComplaintBotOptions {
  /** Dialog state: `RedisDialogStorage` in production; any botbuilder Storage works (benchmarks use MemoryStorage). */
  storage: Storage;
  gate: ConversationGate;
  complaints: ComplaintService;
  triage: Triage;
  logger: Logger;
  /** Sends one reply to the consumer (directly, falling back to the delivery queue). */
  reply: (message: InboundMessage['address'], out: OutboundMessage & { idempotencyKey: string }) => Promise<void>;
  /**
   * For channels whose send is a Redis write in the conversation's slot: the reply as a command for the turn's commit
   * MULTI (so it costs no round trip of its own), or undefined to send it with `reply`. Same idempotency as `reply`.
   */
  replyInCommit?: (message: InboundMessage['address'], out: OutboundMessage & { idempotencyKey: string }) => ((multi: ChainableCommander) => void) | undefined;
  /**
   * Schedules the one reminder, due `reminderDelayMs` after `lastTurnAt`: called by a turn that leaves a dialog waiting
   * when no reminder is pending yet, and by a reminder that finds the consumer moved on since (for their last turn).
   */
  onWaiting?: (address: InboundMessage['address'], lastTurnAt: number) => Promise<void>;
  /**
   * The reminder's delay. Given, a waiting turn schedules a reminder only when none is pending (one job per quiet
   * stretch instead of one per turn: a round trip saved on most turns); without it every waiting turn schedules one.
   */
  reminderDelayMs?: number;
  defaultLocale: 'en' | 'zh';
  orderIdRegex: RegExp;
  orderIdExample: string;
  /** Whether the order exists and is this consumer's (the order-number step); absent: the pattern alone decides. */
  checkOrder?: OrderCheck;
  /** The consumer's recent orders, offered as choices at the order-number step; absent: they type the number. */
  recentOrders?: RecentOrders;
  /** BOT_NAME: how the bot introduces itself; unset, the catalogue's "Customer care" / "客服". */
  botName?: string;
  /** The display name of an agent, for "sent to Ling" when a consumer writes to a claimed case. */
  agentName?: (agentId: string) => Promise<string | undefined>;
  maxUploadBytes: number;
  maxTextChars: number;
  firstResponseMinutes: number;
  timeZone: string;
  /** A turn still running after this long is given up (it must end well inside the gate's lease); default 10 s. */
  turnTimeoutMs?: number;
  /** The wall clock (the composition root's); default the system's. */
  now?: Clock;
}

/**
 * A turn's hold on its conversation (from ConversationGate.enter); `held` turns false once released. `abandoned`
 * is set when the turn ran out of time: its commit is then refused, because the consumer was told it failed.
 */
interface Lease {
  key: string;
  token: string;
  enteredAt: number;
  held: boolean;
  abandoned: boolean;
  /** The turn's replies waiting for its commit, if it holds any. */
  replies?: HeldReplies;
}

/**
 * A turn's replies held for its commit. They cannot be overtaken by what the turn changed: its side effects (progress
 * deliveries among them) are held too, and run after the commit (ComplaintService.holdingEffects).
 */
interface HeldReplies {
  held: Array<{ address: InboundMessage['address']; out: OutboundMessage & { idempotencyKey: string }; queue: (multi: ChainableCommander) => void }>;
  /** Background sends of a failed turn's replies, one after another. */
  later?: Promise<void>;
}

const TURN_TIMEOUT_MS = 10_000;
/** A pending reminder that has not run this long after it was due is taken as lost, and a waiting turn schedules anew. */
const REMINDER_LOST_MS = 60_000;
/** How long a failed turn waits for its lease release before leaving it to retry in the background. */
const RELEASE_INLINE_MS = 250;

/** How long after a resolution typed text is still taken as its rating or comment. */
const RATING_ASKED_MS = 3 * 86_400_000;

/** Short first messages ("hi", "hello?") are greetings: welcome them before asking anything. */
const GREETING_MAX = 12;
/** A message to the open case is acknowledged again only after this long without one. */
const FOLLOW_UP_ACK_MS = 10 * 60_000;

/**
 * The consumer side of Redress as one `InboundHandler`: commands, buttons on progress updates, the intake
 * dialog, and messages to the agent once a case is open. Turns of one conversation are serialised across
 * processes by the gate; state lives in Redis through botbuilder's Storage.
 */
export class ComplaintBot implements InboundHandler {
  readonly adapter: RedressBotAdapter;
  private readonly state: ConversationState;
  private readonly dialogs: DialogSet;
  private readonly data;
  private readonly deps: IntakeDeps;
  /** The running turn's held replies (handle() turns on Redis storage with `replyInCommit` only). */
  private readonly replies = new AsyncLocalStorage<HeldReplies>();
  private readonly complaints: ComplaintService;
  /** What the opening words (welcome, acknowledgement) need. */
  private readonly opening: OpeningDeps;
  private readonly now: Clock;

  constructor(private readonly o: ComplaintBotOptions) {
    this.now = o.now ?? systemClock;
    this.adapter = new RedressBotAdapter(async (ctx, message) => {
      const n = ((ctx.turnState.get('replyCount') as number | undefined) ?? 0) + 1;
      ctx.turnState.set('replyCount', n);
      const address = addressOf(ctx);
      const out = { ...message, idempotencyKey: `${ctx.activity.id ?? 'turn'}-r${n}` };
      const r = this.replies.getStore();
      const queue = r ? o.replyInCommit?.(address, out) : undefined;
      if (r && queue) return void r.held.push({ address, out, queue });
      if (r) await this.sendHeld(r);
      await o.reply(address, out);
    });
    this.complaints = o.complaints;
    this.adapter.onTurnError = async (ctx, err) => {
      // Redis full or gone: the channel answers it (a reply sent from here would need Redis to be delivered).
      const outage = redisOutageOf(err);
      if (outage) throw outage;
      const log = (ctx.turnState.get('log') as Logger | undefined) ?? o.logger;
      log.error({ err }, 'turn failed');
      const data = await this.data.get(ctx, {}).catch(() => ({}) as ConversationData);
      // The case may be on the master but not yet on a replica: no number is given out, the draft stays at confirm.
      const cause = err instanceof DialogContextError ? err.error : err;
      const key = isRedressError(cause, 'redis.not_replicated') ? 'dialog.not_saved' : 'dialog.error';
      await ctx.sendActivity(t(data.locale ?? o.defaultLocale, key)).catch(() => undefined);
    };
    this.state = new ConversationState(o.storage);
    this.data = this.state.createProperty<ConversationData>('data');
    this.dialogs = new DialogSet(this.state.createProperty<DialogState>('dialogState'));
    this.deps = {
      data: this.data, suggestCategory: (text) => o.triage.suggestCategory(text), orderIdRegex: o.orderIdRegex, orderIdExample: o.orderIdExample,
      checkOrder: o.checkOrder ? (ctx, orderId) => o.checkOrder!(orderId, addressOf(ctx).userId) : undefined,
      recentOrders: o.recentOrders ? (ctx) => o.recentOrders!(addressOf(ctx)) : undefined,
      maxUploadBytes: o.maxUploadBytes, firstResponseMinutes: o.firstResponseMinutes, timeZone: o.timeZone,
      submit: (ctx, draft) => this.complaints.submit(addressOf(ctx), consumerIdOf(addressOf(ctx)), draft),
    };
    addIntakeDialogs(this.dialogs, this.deps);
    this.opening = {
      botName: o.botName, orderIdRegex: o.orderIdRegex, firstResponseMinutes: o.firstResponseMinutes, timeZone: o.timeZone,
      openCase: (ctx) => this.complaints.activeCase(consumerIdOf(addressOf(ctx))),
    };
  }

  /**
   * One consumer message. Throws a coded `redis.unavailable` / `redis.full` RedressError when Redis is gone or
   * full (within about a second and a half, before anything was written), for the channel to answer.
   */
  async handle(message: InboundMessage): Promise<void> {
    const key = `${message.address.channel}:${message.address.conversationId}`;
    const activity = toActivity(message);
    // On Redis the gate's script also reads the dialog state (same slot): entering and loading are one round trip.
    const storage = this.o.storage instanceof RedisDialogStorage ? this.o.storage : undefined;
    const storageKey = storage ? this.state.getStorageKey(new TurnContext(this.adapter, activity)) : undefined;
    const entry = await this.o.gate.enter(key, message.id, storageKey ? storage!.redisKey(storageKey) : undefined);
    if (entry.status === 'duplicate') return;
    if (storage && storageKey && entry.state !== undefined) storage.prime(storageKey, entry.state);
    // One child logger per turn: ids only, never text (that is debug-level, and personal data).
    const log = this.o.logger.child({ channel: message.address.channel, conversation: message.address.conversationId, messageId: message.id });
    const lease: Lease = { key, token: entry.token, enteredAt: entry.enteredAt, held: true, abandoned: false };
    // Replies to a channel that writes to Redis ride in the commit MULTI; any left (the turn failed, or ended
    // without a commit) are sent normally afterwards, under the same idempotency keys, so none is lost or doubled.
    const held: HeldReplies | undefined = storage && this.o.replyInCommit ? { held: [] } : undefined;
    lease.replies = held;
    // What the turn changes has its side effects after the turn's replies and commit: the consumer hears first.
    const effects = new DeferredEffects(log);
    const run = () => this.complaints.holdingEffects(effects, () => this.adapter.runTurn(activity, async (ctx) => {
      ctx.turnState.set('log', log);
      await this.turn(ctx, message, lease);
      log.debug({ text: message.text, action: message.action }, 'turn done');
    }));
    const turn = held ? this.replies.run(held, run) : run();
    try {
      await this.withinTimeout(turn, lease);
      if (held?.held.length) await this.sendHeld(held);
    } catch (err) {
      // Failed or given up: the consumer is answered by the channel now; what the turn had said follows when it can,
      // including what a timed-out turn still says before it settles (its commit is refused).
      if (held) {
        const later = () => {
          held.later = (held.later ?? Promise.resolve()).then(() => this.sendHeld(held)).catch((e: unknown) => log.error({ err: e }, 'replies of a failed turn not sent'));
        };
        later();
        void turn.then(later, later);
      }
      // What it committed before failing still has its side effects: once it settles, after its replies.
      void turn.catch(() => undefined).then(() => held?.later).then(() => effects.run());
      throw err;
    } finally {
      if (storage && storageKey) storage.unprime(storageKey);
      // A turn that failed before its commit still gives the conversation back (LEAVE checks the token, so a repeat is
      // harmless). While Redis is away the release goes on retrying in the background, so the consumer's answer does not wait.
      if (lease.held) await this.giveBack(lease, log);
    }
    await effects.run();
  }

  /** Sends a turn's held replies in order through `reply` (direct, else the delivery queue). */
  private async sendHeld(r: HeldReplies): Promise<void> {
    for (let h = r.held.shift(); h; h = r.held.shift()) await this.o.reply(h.address, h.out);
  }

  private async giveBack(lease: Lease, log: Logger): Promise<void> {
    const released = this.o.gate.release(lease.key, lease.token, lease.enteredAt);
    let timer: NodeJS.Timeout | undefined;
    const later = new Promise<'later'>((r) => { timer = setTimeout(() => r('later'), RELEASE_INLINE_MS); });
    const done = await Promise.race([released, later]);
    clearTimeout(timer);
    if (done === 'later') void released.then((ok) => ok || log.warn('conversation lease not released; it lapses by itself'));
  }

  private async withinTimeout(turn: Promise<void>, lease: Lease): Promise<void> {
    const ms = this.o.turnTimeoutMs ?? TURN_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        lease.abandoned = true;
        reject(this.o.gate.connected() ? new Error(`turn timed out after ${ms} ms`) : redisUnavailable('Redis went away during the turn'));
      }, ms);
    });
    // An abandoned turn still settles later (its commit refused); nobody awaits it any more.
    turn.catch(() => undefined);
    try {
      await Promise.race([turn, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The one reminder for a consumer who went quiet mid-dialog: sent only if nothing happened since
   * `lastTurnAt` and no reminder went out yet. The draft stays as it was.
   */
  async remind(address: InboundMessage['address'], lastTurnAt: number): Promise<boolean> {
    const key = `${address.channel}:${address.conversationId}`;
    const entry = await this.o.gate.enter(key, `reminder-${lastTurnAt}`);
    if (entry.status === 'duplicate') return false;
    let sent = false;
    try {
      const activity = { ...toActivity({ id: `reminder-${lastTurnAt}`, address, receivedAt: this.now() }), type: 'event', name: 'reminder' };
      await this.adapter.runTurn(activity, async (ctx) => {
        const data = await this.data.get(ctx, {});
        const dc = await this.dialogs.createContext(ctx);
        const pending = data.reminderFor === lastTurnAt;
        if (pending) data.reminderFor = undefined;
        const waiting = !data.reminded && !!(dc.activeDialog || data.draft);
        if (waiting && data.lastTurnAt === lastTurnAt) {
          await ctx.sendActivity(t(data.locale ?? this.o.defaultLocale, 'dialog.reminder'));
          data.reminded = true;
          sent = true;
        } else if (waiting && pending && data.lastTurnAt !== undefined && data.lastTurnAt > lastTurnAt && this.o.onWaiting) {
          // The consumer moved on since this job was scheduled and the turns since did not add one: follow their last turn.
          await this.o.onWaiting(address, data.lastTurnAt);
          data.reminderFor = data.lastTurnAt;
        }
        if (pending || sent) await this.state.saveChanges(ctx);
      });
    } finally {
      await this.o.gate.leave(key, entry.token);
    }
    return sent;
  }

  private async turn(ctx: TurnContext, message: InboundMessage, lease: Lease): Promise<void> {
    const data = await this.data.get(ctx, {});
    const waiting = await this.respond(ctx, message, data);
    data.lastTurnAt = message.receivedAt;
    data.reminded = false;
    // The reminder job is scheduled beside the commit. It needs no lease: when due it takes the gate
    // itself, so it can only ever see the state this commit wrote (and `lastTurnAt` says if the chat moved on).
    // While one is pending for an earlier turn, none is added: it moves itself on to the last turn when it runs.
    const schedule = waiting && !!this.o.onWaiting && this.reminderNeeded(data, message.receivedAt);
    if (schedule) data.reminderFor = message.receivedAt;
    await Promise.all([this.commit(ctx, lease), schedule ? this.o.onWaiting!(message.address, message.receivedAt) : undefined]);
  }

  private reminderNeeded(data: ConversationData, now: number): boolean {
    const delay = this.o.reminderDelayMs;
    if (delay === undefined || data.reminderFor === undefined) return true;
    return now > data.reminderFor + delay + REMINDER_LOST_MS;
  }

  /**
   * Saves the turn's state and releases its lease. On Redis both go in one MULTI: one round trip instead of
   * two, and no other turn can enter between the write and the release. Other storages save, then leave.
   */
  private async commit(ctx: TurnContext, lease: Lease): Promise<void> {
    if (lease.abandoned) throw redisUnavailable('the turn ran out of time before its commit');
    const storage = this.o.storage;
    if (storage instanceof RedisDialogStorage) {
      // ConversationState.saveChanges would write with eTag '*'. This write keeps the eTag it read, so once the
      // lease is gone (expired, or released by a first attempt that ioredis resends) it cannot overwrite a later turn.
      const changes = { [this.state.getStorageKey(ctx)!]: this.state.get(ctx) };
      const held = lease.replies?.held ?? [];
      await storage.writeWith(changes, (multi) => {
        for (const h of held) h.queue(multi);
        this.o.gate.queueLeave(multi, lease.key, lease.token);
      });
      held.length = 0;
    } else {
      await this.state.saveChanges(ctx);
      await this.o.gate.leave(lease.key, lease.token);
    }
    lease.held = false;
  }

  /** Returns true when a dialog is left waiting for the consumer. */
  private async respond(ctx: TurnContext, message: InboundMessage, data: ConversationData): Promise<boolean> {
    const consumerId = consumerIdOf(message.address);
    const dc = await this.dialogs.createContext(ctx);
    const input = sanitizeText(message.action ?? message.text ?? '');
    settleLanguage(data, message, input, this.o.defaultLocale);
    const timeZone = validTimeZone(message.timeZone);
    if (timeZone) data.timeZone = timeZone;
    const L = data.locale!;
    if (message.unsupported) return answerUnsupported(ctx, dc, L, message.unsupported);
    if (input.length > this.o.maxTextChars) {
      await ctx.sendActivity(t(L, 'dialog.too_long', { length: input.length, max: this.o.maxTextChars }));
      return !!dc.activeDialog;
    }
    if (!input && !message.attachments?.length) {
      await ctx.sendActivity(t(L, 'dialog.empty'));
      return !!dc.activeDialog;
    }
    ctx.activity.text = input;
    if (/^\/(new|新投诉)$/i.test(input)) return this.startFresh(ctx, dc, data);
    const handToHuman = () => this.handToHuman(ctx, dc, data, consumerId);
    const commands = {
      ctx, dc, data, consumerId, complaints: this.complaints, handToHuman,
      time: (at: number) => timeFor(data, this.o.timeZone, at), welcome: (payload: string) => welcome(ctx, dc, data, payload, this.opening),
    };
    if (await runCommand(input, commands)) return !!dc.activeDialog;
    if (message.action && (await runConsumerAction(message.action, ctx, data, consumerId, this.complaints))) return !!dc.activeDialog;
    if (data.awaitingCommentFor && !dc.activeDialog) {
      await takeRatingComment(input, ctx, data, consumerId, this.complaints);
      return false;
    }
    if (dc.activeDialog && message.attachments?.length && dc.activeDialog.id !== FIELD.photos) {
      await this.keepEarlyPhotos(ctx, dc, data, message.attachments);
      return true;
    }
    if (dc.activeDialog) {
      await dc.continueDialog();
      return !!dc.activeDialog;
    }
    const own = data.draft ? [] : await this.complaints.listOwn(consumerId);
    const open = own.find((c) => isOpen(c.status));
    // A consumer with an open case is talking to its specialist, unless they started a new complaint (/new).
    if (open && !isNewComplaintStart(input)) {
      await this.complaints.consumerMessage(consumerId, open.id, input, message.attachments ?? [], message.address.channel);
      await this.acknowledgeFollowUp(ctx, data, open, message.receivedAt);
      return false;
    }
    // Stars are being asked for (a case resolved lately, not rated yet): what they type is the rating or its comment.
    // Weeks later it is a new conversation, and what they write starts a new complaint.
    const toRate = own.find((c) => c.status === 'resolved' && !c.rating && message.receivedAt - c.updatedAt < RATING_ASKED_MS);
    if (toRate && !open && !isNewComplaintStart(input) && !message.attachments?.length) {
      await takeTypedRating(input, toRate.id, ctx, data, consumerId, this.complaints);
      return false;
    }
    return this.startIntake(ctx, dc, data, input, message);
  }

  /**
   * Says where a message to the open case went: to the specialist by name once one owns it ("Sent to Ling"), else to
   * the case's queue. Once per quiet stretch (FOLLOW_UP_ACK_MS) and again when the case changes hands, not after
   * every line of a conversation in progress.
   */
  private async acknowledgeFollowUp(ctx: TurnContext, data: ConversationData, open: Complaint, at: number): Promise<void> {
    const to = open.assigneeId ?? 'queue';
    const last = data.followUpAck;
    if (last && last.to === to && at - last.at < FOLLOW_UP_ACK_MS) return;
    data.followUpAck = { at, to };
    const L = data.locale ?? 'en';
    const agent = open.assigneeId ? await this.o.agentName?.(open.assigneeId).catch(() => undefined) : undefined;
    await ctx.sendActivity(agent ? t(L, 'dialog.sent_to_agent', { agent, id: open.id }) : t(L, 'dialog.after_filed', { id: open.id }));
  }

  /**
   * Photos sent before the photo step (people attach evidence when they feel like it) are kept in the draft,
   * not dropped by a text prompt; the current question is asked again.
   */
  private async keepEarlyPhotos(ctx: TurnContext, dc: DialogContext, data: ConversationData, attachments: NonNullable<InboundMessage['attachments']>): Promise<void> {
    const L = data.locale ?? 'en';
    const ok = attachments.filter((a) => !photoProblem(a, this.o.maxUploadBytes, L));
    data.draft ??= { evidence: [], texts: [] };
    data.draft.evidence.push(...ok);
    const problem = ok.length ? null : photoProblem(attachments[0]!, this.o.maxUploadBytes, L);
    await ctx.sendActivity(problem ? t(L, problem.key, problem.vars) : t(L, 'dialog.photo_kept', { count: data.draft.evidence.length }));
    await dc.repromptDialog();
  }

  /** `/new`: drop any draft and start a new complaint, even while another case is open. */
  private async startFresh(ctx: TurnContext, dc: DialogContext, data: ConversationData): Promise<boolean> {
    await dc.cancelAllDialogs();
    data.tone = 'neutral';
    data.draft = { evidence: [], texts: [] };
    const L = data.locale ?? 'en';
    await ctx.sendActivity(t(L, 'dialog.welcome', { bot: botName(L, this.o.botName) }));
    return true;
  }

  private async startIntake(ctx: TurnContext, dc: DialogContext, data: ConversationData, input: string, message: InboundMessage): Promise<boolean> {
    const L = data.locale ?? 'en';
    const suggestion = this.o.triage.suggestCategory(input);
    const emotion = this.o.triage.analyze(input);
    data.tone = emotion.anger.flagged ? 'angry' : emotion.anxiety.flagged ? 'anxious' : 'neutral';
    if (!suggestion && input.length <= GREETING_MAX && !data.draft && data.tone === 'neutral') {
      data.draft = { evidence: [], texts: [] };
      await ctx.sendActivity(t(L, 'dialog.welcome', { bot: botName(L, this.o.botName) }));
      return true;
    }
    // What /start or early photos put in the draft stays.
    const kept = data.draft;
    data.draft = { firstText: input, suggested: suggestion?.category, texts: [input], evidence: kept?.evidence ?? [], ...(kept?.orderId ? { orderId: kept.orderId } : {}) };
    await acknowledgeFeelings(ctx, data, message, this.opening);
    await dc.beginDialog(INTAKE);
    return !!dc.activeDialog;
  }

  private async handToHuman(ctx: TurnContext, dc: DialogContext, data: ConversationData, consumerId: string): Promise<void> {
    const L = data.locale ?? 'en';
    await ctx.sendActivity(t(L, 'dialog.human'));
    const open = await this.complaints.activeCase(consumerId);
    if (open && !data.draft?.firstText) {
      await this.complaints.consumerMessage(consumerId, open.id, '/human', [], ctx.activity.channelId);
      return;
    }
    data.draft ??= { evidence: [], texts: [] };
    data.draft.firstText ??= L === 'zh' ? '顾客要求转人工' : 'The consumer asked to talk to a person.';
    await dc.cancelAllDialogs();
    await submit({ context: ctx }, this.deps, true);
  }
}

/** A consumer is their channel identity; platform identity (webchat `shop:<id>`) arrives as the userId itself. */
export { consumerIdOf };

function isNewComplaintStart(text: string): boolean {
  return /^(new complaint|another (problem|complaint|order)|新投诉|另一个订单)/i.test(text.trim());
}
