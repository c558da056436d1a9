/**
 * Adds the order's facts to a draft at submit, before triage: merchant, product (the first item's SKU), and the
 * order itself; or, when the platform is slow or down, that facts were unavailable and why (triage says so, and
 * the agent checks by hand). The draft's fingerprint is taken before this, so a retried confirm stays the same.
 */
import type { ComplaintDraft } from '../complaints/complaint.types.js';
import type { ConversationAddress } from '../messages/message.types.js';
import { platformConsumerId, type OrderLookup } from './order-facts.js';

export type OrderEnricher = (draft: ComplaintDraft, address: ConversationAddress) => Promise<ComplaintDraft>;

export function orderEnricher(lookup: OrderLookup): OrderEnricher {
  return async (draft, address) => {
    if (!draft.orderId) return draft;
    const r = await lookup.find(draft.orderId, platformConsumerId(address.userId));
    if (r.kind === 'unavailable') return { ...draft, order: null, orderFacts: { status: 'unavailable', reason: r.reason } };
    if (r.kind === 'not_found') return { ...draft, order: null, orderFacts: { status: 'not_found' } };
    const f = r.facts;
    return { ...draft, order: f, orderFacts: { status: 'found' }, merchantId: f.merchant.id, productId: f.items[0]?.sku ?? draft.productId ?? null };
  };
}
