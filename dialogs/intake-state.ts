import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Attachment, ConversationAddress } from '../src/messages/message.types.js';
import type { ComplaintDraft, Locale } from '../src/complaints/complaint.types.js';
import type { Tone } from '../src/i18n/catalog.js';
import type { Category, DesiredResolution } from '../src/triage/triage.types.js';
import type { SubmitResult } from '../src/complaints/complaint.service.js';
import type { OrderCheckResult } from '../src/orders/order-check.js';
import type { OrderFacts } from '../src/orders/order-facts.js';

/** Per-conversation data kept beside the dialog stack (same Redis document). */
export interface ConversationData {
  locale?: Locale;
  /** The consumer chose the language explicitly (/lang); detection stops overriding it. */
  localeFixed?: boolean;
  tone?: Tone;
  draft?: DraftInProgress;
  /** Complaint whose rating comment we are waiting for. */
  awaitingCommentFor?: string;
  /** Text typed while stars were asked: the rating's comment, kept until the stars come. */
  ratingComment?: { id: string; text: string };
  /** The consumer's IANA zone as their channel last reported it (validated); times in replies use it. */
  timeZone?: string;
  lastTurnAt?: number;
  reminded?: boolean;
  /** `lastTurnAt` of the turn whose reminder job is pending: later waiting turns leave it be (it moves itself on). */
  reminderFor?: number;
  /** The last acknowledgement of a message to the open case ("sent to Ling"): when, and to whom (an agent id or `queue`). */
  followUpAck?: { at: number; to: string };
}

/** An order's items as the draft keeps them for the summary: the first few, names cut, and how many more. */
export interface OrderItems {
  orderId: string;
  items: Array<{ name: string; quantity: number }>;
  more: number;
}

export interface DraftInProgress {
  firstText?: string;
  suggested?: Category;
  category?: Category;
  orderId?: string | null;
  /** What the platform said the accepted order holds, so the summary shows its items (for that order id only). */
  orderItems?: OrderItems;
  description?: string;
  evidence: Attachment[];
  desiredResolution?: DesiredResolution;
  texts: string[];
}

/** What the intake dialogs need from outside; supplied by the bot, which knows the consumer. */
export interface IntakeDeps {
  data: StatePropertyAccessor<ConversationData>;
  submit(ctx: TurnContext, draft: ComplaintDraft): Promise<SubmitResult>;
  suggestCategory(text: string): { category: Category; confidence: number } | null;
  orderIdRegex: RegExp;
  orderIdExample: string;
  /** The order-number step asks the order look-up (src/orders/order-check.ts); absent: the pattern alone decides. */
  checkOrder?: (ctx: TurnContext, orderId: string) => Promise<OrderCheckResult>;
  /** The consumer's recent orders, offered as choices at the order-number step (src/orders/order-check.ts); absent or none: they type it. */
  recentOrders?: (ctx: TurnContext) => Promise<OrderFacts[]>;
  maxUploadBytes: number;
  firstResponseMinutes: number;
  /** TIMEZONE: for consumers whose channel does not tell their own zone (Telegram). */
  timeZone: string;
}

export function addressOf(ctx: TurnContext): ConversationAddress {
  return (ctx.activity.channelData as { address: ConversationAddress }).address;
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
