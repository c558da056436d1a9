import type { TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { Complaint, Locale } from '../src/complaints/complaint.types.js';
import { detectLocale, t, variant } from '../src/i18n/catalog.js';
import type { InboundMessage } from '../src/messages/message.types.js';
import { timeFor } from './intake-prompts.js';
import type { ConversationData } from './intake-state.js';

/** What the first words of a conversation need from the bot. */
export interface OpeningDeps {
  /** BOT_NAME; unset, the catalogue's "Customer care" / "客服". */
  botName?: string;
  orderIdRegex: RegExp;
  firstResponseMinutes: number;
  /** TIMEZONE, for consumers whose channel does not send their own zone. */
  timeZone: string;
  openCase(ctx: TurnContext): Promise<Complaint | null>;
}

export function botName(L: Locale, configured: string | undefined): string {
  return configured ?? t(L, 'bot.name');
}

/**
 * The conversation's language, best source first: the consumer's own choice (/lang); the channel's word for it
 * (Telegram's language_code, the widget page's data-locale), which starts the conversation and which one message in
 * another script does not flip (a Chinese user quoting an English product name stays in Chinese); only when neither
 * is known (a browser's language, a language_code we have no catalogue for, no hint) the script of what they write.
 * Commands and button presses are Latin in every language, so they say nothing about it (a zh user's /status is
 * answered in Chinese).
 */
export function settleLanguage(data: ConversationData, message: InboundMessage, input: string, fallback: Locale): void {
  const given = message.locale?.toLowerCase();
  const hint: Locale | undefined = given?.startsWith('zh') ? 'zh' : given?.startsWith('en') ? 'en' : undefined;
  data.locale ??= hint ?? fallback;
  if (data.localeFixed || (hint && !message.localeGuessed)) return;
  if (input && !message.action && !input.startsWith('/')) data.locale = detectLocale(input, data.locale);
}

/** A sticker, voice message, location, an expired button or an edit: say what we can take, then ask again. */
export async function answerUnsupported(ctx: TurnContext, dc: DialogContext, L: Locale, kind: NonNullable<InboundMessage['unsupported']>): Promise<boolean> {
  // An edit gets no repeat of the question: the consumer is about to send the corrected text anyway.
  if (kind === 'edit') {
    await ctx.sendActivity(t(L, 'dialog.edited'));
    return !!dc.activeDialog;
  }
  await ctx.sendActivity(kind === 'expired_button' ? t(L, 'dialog.button_expired') : t(L, 'dialog.unsupported', { what: t(L, `content.${kind}`) }));
  if (dc.activeDialog) await dc.repromptDialog();
  return !!dc.activeDialog;
}

/**
 * `/start`: the welcome. A deep link (`t.me/<bot>?start=MM-240815-001`, or `order_MM-240815-001`) names the order,
 * which pre-fills the draft when it matches ORDER_ID_PATTERN. Mid-dialog it re-asks where they were instead.
 */
export async function welcome(ctx: TurnContext, dc: DialogContext, data: ConversationData, payload: string, o: OpeningDeps): Promise<void> {
  const L = data.locale ?? 'en';
  if (dc.activeDialog) {
    await ctx.sendActivity(t(L, 'dialog.welcome_back'));
    await dc.repromptDialog();
    return;
  }
  const order = payload.replace(/^order[_-]/i, '');
  const orderId = order && o.orderIdRegex.test(order) ? order : undefined;
  const bot = botName(L, o.botName);
  // Telegram sends /start again when a chat is reopened: with a case open, what they write next still goes to
  // its specialist, so no new draft is started (a deep link to an order does start one; /new always does).
  const open = orderId || data.draft ? null : await o.openCase(ctx);
  if (open) return void (await ctx.sendActivity(t(L, 'dialog.welcome_open', { bot, id: open.id })));
  data.tone = 'neutral';
  data.draft = { evidence: data.draft?.evidence ?? [], texts: [], ...(orderId ? { orderId } : {}) };
  await ctx.sendActivity(orderId ? t(L, 'dialog.welcome_order', { bot, order: orderId }) : t(L, 'dialog.welcome', { bot }));
}

/**
 * Feelings before questions (DESIGN.md, "Emotion matters as much as the fix"): anger is acknowledged with an
 * apology for the experience, anxiety hears the plan with its time. One variant per conversation (seeded by its
 * address), so the voice stays the same throughout and tests are stable.
 */
export async function acknowledgeFeelings(ctx: TurnContext, data: ConversationData, message: InboundMessage, o: OpeningDeps): Promise<void> {
  const L = data.locale ?? 'en';
  const seed = `${message.address.channel}:${message.address.conversationId}`;
  if (data.tone === 'angry') await ctx.sendActivity(variant(L, 'ack.angry', seed));
  if (data.tone === 'anxious') {
    const minutes = o.firstResponseMinutes;
    await ctx.sendActivity(variant(L, 'ack.anxious', seed, { minutes, time: timeFor(data, o.timeZone, message.receivedAt + minutes * 60_000) }));
  }
}
