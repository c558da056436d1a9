import { ConversationState, TurnContext, type Storage } from 'botbuilder';
import { DialogSet, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { ComplaintService } from '../src/complaints/complaint.service.js';
import { detectLocale, t } from '../src/i18n/catalog.js';
import type { Logger } from '../src/logging/logger.js';
import type { InboundHandler } from '../src/messages/inbound-handler.port.js';
import type { InboundMessage, OutboundMessage } from '../src/messages/message.types.js';
import type { ConversationGate } from '../src/redis/conversation-gate.js';
import type { Triage } from '../src/triage/triage.js';
import { toActivity } from './activity.mapper.js';
import { addIntakeDialogs, INTAKE, submit } from './complaint-intake.dialog.js';
import { runCommand } from './consumer-commands.js';
import { runConsumerAction, takeRatingComment } from './consumer-actions.js';
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
  /** Called after every turn that leaves a dialog waiting, to schedule the one reminder. */
  onWaiting?: (address: InboundMessage['address'], lastTurnAt: number) => Promise<void>;
  defaultLocale: 'en' | 'zh';
  orderIdRegex: RegExp;
  orderIdExample: string;
  maxUploadBytes: number;
  maxTextChars: number;
  firstResponseMinutes: number;
  timeZone: string;
}

/** A turn's hold on its conversation (from ConversationGate.enter); `held` turns false once released. */
interface Lease {
  key: string;
  token: string;
  held: boolean;
}

/** Short first messages ("hi", "hello?") are greetings: welcome them before asking anything. */
const GREETING_MAX = 12;

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

  constructor(private readonly o: ComplaintBotOptions) {
    this.adapter = new RedressBotAdapter(async (ctx, message) => {
      const n = ((ctx.turnState.get('replyCount') as number | undefined) ?? 0) + 1;
      ctx.turnState.set('replyCount', n);
      await o.reply(addressOf(ctx), { ...message, idempotencyKey: `${ctx.activity.id ?? 'turn'}-r${n}` });
    });
    this.adapter.onTurnError = async (ctx, err) => {
      const log = (ctx.turnState.get('log') as Logger | undefined) ?? o.logger;
      log.error({ err }, 'turn failed');
      const data = await this.data.get(ctx, {}).catch(() => ({}) as ConversationData);
      await ctx.sendActivity(t(data.locale ?? o.defaultLocale, 'dialog.error')).catch(() => undefined);
    };
    this.state = new ConversationState(o.storage);
    this.data = this.state.createProperty<ConversationData>('data');
    this.dialogs = new DialogSet(this.state.createProperty<DialogState>('dialogState'));
    this.deps = {
      data: this.data, suggestCategory: (text) => o.triage.suggestCategory(text), orderIdRegex: o.orderIdRegex, orderIdExample: o.orderIdExample,
      maxUploadBytes: o.maxUploadBytes, firstResponseMinutes: o.firstResponseMinutes, timeZone: o.timeZone,
      submit: (ctx, draft) => o.complaints.submit(addressOf(ctx), consumerIdOf(addressOf(ctx)), draft),
    };
    addIntakeDialogs(this.dialogs, this.deps);
  }

  async handle(message: InboundMessage): Promise<void> {
    const key = `${message.address.channel}:${message.address.conversationId}`;
    const entry = await this.o.gate.enter(key, message.id);
    if (entry.status === 'duplicate') return;
    // One child logger per turn: ids only, never text (that is debug-level, and personal data).
    const log = this.o.logger.child({ channel: message.address.channel, conversation: message.address.conversationId, messageId: message.id });
    const lease: Lease = { key, token: entry.token, held: true };
    try {
      await this.adapter.runTurn(toActivity(message), async (ctx) => {
        ctx.turnState.set('log', log);
        await this.turn(ctx, message, lease);
        log.debug({ text: message.text, action: message.action }, 'turn done');
      });
    } finally {
      // A turn that failed before its commit still gives the conversation back (LEAVE checks the token, so a repeat is harmless).
      if (lease.held) await this.o.gate.leave(key, entry.token);
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
      const activity = { ...toActivity({ id: `reminder-${lastTurnAt}`, address, receivedAt: Date.now() }), type: 'event', name: 'reminder' };
      await this.adapter.runTurn(activity, async (ctx) => {
        const data = await this.data.get(ctx, {});
        const dc = await this.dialogs.createContext(ctx);
        if (data.lastTurnAt !== lastTurnAt || data.reminded || !(dc.activeDialog || data.draft)) return;
        await ctx.sendActivity(t(data.locale ?? this.o.defaultLocale, 'dialog.reminder'));
        data.reminded = true;
        sent = true;
        await this.state.saveChanges(ctx);
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
    // The reminder job shares the commit's round trip. It needs no lease: when due it takes the gate
    // itself, so it can only ever see the state this commit wrote (and `lastTurnAt` says if the chat moved on).
    await Promise.all([this.commit(ctx, lease), waiting ? this.o.onWaiting?.(message.address, message.receivedAt) : undefined]);
  }

  /**
   * Saves the turn's state and releases its lease. On Redis both go in one MULTI: one round trip instead of
   * two, and no other turn can enter between the write and the release. Other storages save, then leave.
   */
  private async commit(ctx: TurnContext, lease: Lease): Promise<void> {
    const storage = this.o.storage;
    if (storage instanceof RedisDialogStorage) {
      // ConversationState.saveChanges would write with eTag '*'. This write keeps the eTag it read, so once the
      // lease is gone (expired, or released by a first attempt that ioredis resends) it cannot overwrite a later turn.
      const changes = { [this.state.getStorageKey(ctx)!]: this.state.get(ctx) };
      await storage.writeWith(changes, (multi) => this.o.gate.queueLeave(multi, lease.key, lease.token));
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
    data.locale ??= message.locale?.toLowerCase().startsWith('zh') ? 'zh' : this.o.defaultLocale;
    if (!data.localeFixed && input && !message.action) data.locale = detectLocale(input, data.locale);
    const L = data.locale;
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
    if (await runCommand(input, { ctx, dc, data, consumerId, complaints: this.o.complaints, timeZone: this.o.timeZone, handToHuman })) return !!dc.activeDialog;
    if (message.action && (await runConsumerAction(message.action, ctx, data, consumerId, this.o.complaints))) return !!dc.activeDialog;
    if (data.awaitingCommentFor && !dc.activeDialog) {
      await takeRatingComment(input, ctx, data, consumerId, this.o.complaints);
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
    const open = await this.o.complaints.activeCase(consumerId);
    // A consumer with an open case is talking to its specialist, unless they started a new complaint (/new).
    if (open && !data.draft && !isNewComplaintStart(input)) {
      await this.o.complaints.consumerMessage(consumerId, open.id, input, message.attachments ?? [], message.address.channel);
      if (open.status === 'queued') await ctx.sendActivity(t(L, 'dialog.after_filed', { id: open.id }));
      return false;
    }
    return this.startIntake(ctx, dc, data, input);
  }

  /**
   * Photos sent before the photo step (people attach evidence when they feel like it) are kept in the draft,
   * not dropped by a text prompt; the current question is asked again.
   */
  private async keepEarlyPhotos(ctx: TurnContext, dc: DialogContext, data: ConversationData, attachments: NonNullable<InboundMessage['attachments']>): Promise<void> {
    const ok = attachments.filter((a) => !photoProblem(a, this.o.maxUploadBytes));
    data.draft ??= { evidence: [], texts: [] };
    data.draft.evidence.push(...ok);
    const L = data.locale ?? 'en';
    const problem = ok.length ? null : photoProblem(attachments[0]!, this.o.maxUploadBytes);
    await ctx.sendActivity(problem ? t(L, problem.key, problem.vars) : t(L, 'dialog.photo_kept', { count: data.draft.evidence.length }));
    await dc.repromptDialog();
  }

  /** `/new`: drop any draft and start a new complaint, even while another case is open. */
  private async startFresh(ctx: TurnContext, dc: DialogContext, data: ConversationData): Promise<boolean> {
    await dc.cancelAllDialogs();
    data.tone = 'neutral';
    data.draft = { evidence: [], texts: [] };
    await ctx.sendActivity(t(data.locale ?? 'en', 'dialog.welcome'));
    return true;
  }

  private async startIntake(ctx: TurnContext, dc: DialogContext, data: ConversationData, input: string): Promise<boolean> {
    const suggestion = this.o.triage.suggestCategory(input);
    if (!suggestion && input.length <= GREETING_MAX && !data.draft) {
      data.tone = 'neutral';
      data.draft = { evidence: [], texts: [] };
      await ctx.sendActivity(t(data.locale ?? 'en', 'dialog.welcome'));
      return true;
    }
    const emotion = this.o.triage.analyze(input);
    data.tone = emotion.anger.flagged ? 'angry' : emotion.anxiety.flagged ? 'anxious' : 'neutral';
    data.draft = { firstText: input, suggested: suggestion?.category, texts: [input], evidence: [] };
    if (data.tone !== 'neutral' && !suggestion) await ctx.sendActivity(t(data.locale ?? 'en', 'dialog.welcome', {}, data.tone));
    await dc.beginDialog(INTAKE);
    return !!dc.activeDialog;
  }

  private async handToHuman(ctx: TurnContext, dc: DialogContext, data: ConversationData, consumerId: string): Promise<void> {
    const L = data.locale ?? 'en';
    await ctx.sendActivity(t(L, 'dialog.human'));
    const open = await this.o.complaints.activeCase(consumerId);
    if (open && !data.draft?.firstText) {
      await this.o.complaints.consumerMessage(consumerId, open.id, '/human', [], ctx.activity.channelId);
      return;
    }
    data.draft ??= { evidence: [], texts: [] };
    data.draft.firstText ??= L === 'zh' ? '顾客要求转人工' : 'The consumer asked to talk to a person.';
    await dc.cancelAllDialogs();
    await submit({ context: ctx }, this.deps, true);
  }
}

/** A consumer is their channel identity; platform identity (webchat `shop:<id>`) arrives as the userId itself. */
export function consumerIdOf(address: InboundMessage['address']): string {
  return `${address.channel}:${address.userId}`;
}

function isNewComplaintStart(text: string): boolean {
  return /^(new complaint|another (problem|complaint|order)|新投诉|另一个订单)/i.test(text.trim());
}
