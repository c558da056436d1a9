/**
 * Which complaints the merchant caused, for "merchant-caused complaints per merchant" in the reports: decided by
 * category, the one fact every case has from intake on (confirmed by the consumer, visible to the agent, kept
 * in the archive). What the merchant sold or how they behaved — the item not as described, defective or
 * counterfeit, a refund refused, their service — is theirs; the parcel's journey (late, damaged in transit,
 * lost) is the carrier's, billing the platform's, and `other` is nobody's until an agent recategorises it.
 */
import type { Category } from '../triage/triage.types.js';

export const MERCHANT_CAUSED: readonly Category[] = ['not_as_described', 'quality_defect', 'counterfeit', 'refund_refused', 'service_attitude'];

const CAUSED: ReadonlySet<string> = new Set(MERCHANT_CAUSED);

export function merchantCaused(c: { category: Category; merchantId?: string | null }): boolean {
  return !!c.merchantId && CAUSED.has(c.category);
}
