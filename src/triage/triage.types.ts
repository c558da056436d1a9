/** Triage output is plain data with a reason for every decision: agents see it, the timeline keeps it. */
import type { OrderFacts, OrderFactsStatus } from '../orders/order-facts.js';

export const CATEGORIES = [
  'not_as_described',
  'quality_defect',
  'counterfeit',
  'late_delivery',
  'damaged_in_transit',
  'lost_parcel',
  'refund_refused',
  'service_attitude',
  'billing',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Category family, for routing to the owning team and for promotion-period rules. */
export const CATEGORY_GROUP: Record<Category, 'product' | 'fulfilment' | 'after_sales' | 'billing' | 'other'> = {
  not_as_described: 'product',
  quality_defect: 'product',
  counterfeit: 'product',
  late_delivery: 'fulfilment',
  damaged_in_transit: 'fulfilment',
  lost_parcel: 'fulfilment',
  refund_refused: 'after_sales',
  service_attitude: 'after_sales',
  billing: 'billing',
  other: 'other',
};

export const RESOLUTIONS = ['refund', 'replacement', 'repair', 'apology', 'compensation', 'other'] as const;
export type DesiredResolution = (typeof RESOLUTIONS)[number];

export interface EmotionScore {
  flagged: boolean;
  /** 0–10 */
  intensity: number;
}

/**
 * Per-message emotion: anger and anxiety with intensity, and the cues that matched.
 *
 * @example
 * { anger: { flagged: true, intensity: 7 }, anxiety: { flagged: false, intensity: 1 }, cues: ['anger:scam', 'caps'] }
 */
export interface EmotionResult {
  anger: EmotionScore;
  anxiety: EmotionScore;
  cues: string[];
}

export type RiskTier = 'low' | 'medium' | 'high';

export type DeadlineKind = 'first_response' | 'dispatch' | 'plan' | 'report';

export interface SlaDeadline {
  kind: DeadlineKind;
  dueAt: number;
}

/** A suggested category with how sure we are (0–1), for the intake dialog to confirm. */
export interface CategorySuggestion {
  category: Category;
  confidence: number;
  cues: string[];
}

export interface TriageInput {
  category: Category;
  texts: string[];
  orderId: string | null;
  merchantId: string | null;
  consumerId: string;
  /** Open or recent complaints by this consumer (repeat contact). */
  priorComplaints: number;
  /** Other open complaints about the same order. */
  sameOrderOpen: number;
  now: number;
  /** Optional: the complaint's own id, so re-triage of one complaint counts once in surge windows. */
  complaintId?: string;
  /** Optional: product (SKU) id, for product-level surge detection. */
  productId?: string | null;
  /** Optional: the platform's facts about the order, and whether there were any (see src/orders/). */
  order?: OrderFacts | null;
  orderFacts?: { status: OrderFactsStatus; reason?: string };
  /** Optional: complaints about the same merchant in the last 30 days (this one not counted). */
  merchantRecent?: number;
  /** Optional: this consumer's earlier complaints about the same product. */
  sameProductBefore?: number;
}

/** What triage knows of the consumer's, the order's and the merchant's earlier cases (a confirm may still be reading them). */
export type RepeatFacts = Pick<TriageInput, 'priorComplaints' | 'sameOrderOpen' | 'merchantRecent' | 'sameProductBefore'>;

/**
 * Raised when many complaints about one merchant, product, courier or category arrive within a window.
 *
 * @example
 * { dimension: 'merchant', id: 'm-42', count: 12, windowMs: 3_600_000, threshold: 10, group: true }
 */
export interface SurgeAlert {
  dimension: 'merchant' | 'product' | 'courier' | 'category';
  id: string;
  /** Complaints in the window, this one included. */
  count: number;
  windowMs: number;
  /** The alert threshold that was reached. */
  threshold: number;
  /** Past the group threshold: treat the complaints as one group complaint. */
  group: boolean;
}

/**
 * @example
 * { category: 'counterfeit', tier: 'high', priority: 90, deadlines: [...], reasons: ['risk keyword "counterfeit" → high tier'], emotion }
 */
export interface TriageResult {
  category: Category;
  tier: RiskTier;
  /** 0–100, higher first. BullMQ priority is derived from it. */
  priority: number;
  deadlines: SlaDeadline[];
  reasons: string[];
  emotion: EmotionResult;
  /** Peak over the complaint's messages, and whether it is rising. */
  emotionTrend?: { peakAnger: number; peakAnxiety: number; trend: 'rising' | 'falling' | 'steady' };
  groupComplaint?: boolean;
  /** Surge alerts raised by this complaint (only when a surge detector is configured). */
  surgeAlerts?: SurgeAlert[];
  /** Category suggested by the text, for the agent to compare with the confirmed one (null: no keyword matched). */
  suggestedCategory?: CategorySuggestion | null;
}
