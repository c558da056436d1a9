import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Attachment, ConversationAddress } from '../src/messages/message.types.js';
import type { ComplaintDraft, Locale } from '../src/complaints/complaint.types.js';
import type { Tone } from '../src/i18n/catalog.js';
import type { Category, DesiredResolution } from '../src/triage/triage.types.js';
import type { SubmitResult } from '../src/complaints/complaint.service.js';

/** Per-conversation data kept beside the dialog stack (same Redis document). */
export interface ConversationData {
  locale?: Locale;
  /** The consumer chose the language explicitly (/lang); detection stops overriding it. */
  localeFixed?: boolean;
  tone?: Tone;
  draft?: DraftInProgress;
  /** Complaint whose rating comment we are waiting for. */
  awaitingCommentFor?: string;
  lastTurnAt?: number;
  reminded?: boolean;
}

export interface DraftInProgress {
  firstText?: string;
  suggested?: Category;
  category?: Category;
  orderId?: string | null;
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
  maxUploadBytes: number;
  firstResponseMinutes: number;
  timeZone: string;
}

export function addressOf(ctx: TurnContext): ConversationAddress {
  return (ctx.activity.channelData as { address: ConversationAddress }).address;
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
