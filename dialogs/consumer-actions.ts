import type { TurnContext } from 'botbuilder';
import { t } from '../src/i18n/catalog.js';
import type { ComplaintService } from '../src/complaints/complaint.service.js';
import { isRedressError } from '../src/errors.js';
import { choice } from './intake-prompts.js';
import type { ConversationData } from './intake-state.js';

const ACTION = /^(accept|reject|rate):(RD-\d{8}-\d{4,})(?::([1-5]))?$/;

/**
 * Buttons on progress updates: `accept:<id>`, `reject:<id>`, `rate:<id>:<1-5>`. They work whatever the
 * dialog is doing, and only on the consumer's own cases (ComplaintService checks ownership).
 * Returns false when `value` is not such an action.
 */
export async function runConsumerAction(
  value: string, ctx: TurnContext, data: ConversationData, consumerId: string, complaints: ComplaintService,
): Promise<boolean> {
  const m = ACTION.exec(value.trim()) ?? (await starRating(value, consumerId, complaints));
  if (!m) return false;
  const [, verb, id = '', score] = m as string[];
  const L = data.locale ?? 'en';
  try {
    if (verb === 'accept') await complaints.acceptProposal(consumerId, id);
    if (verb === 'reject') await complaints.rejectProposal(consumerId, id);
    if (verb === 'rate') {
      await complaints.rate(consumerId, id, Number(score));
      data.awaitingCommentFor = id;
      await ctx.sendActivity({
        type: 'message', text: t(L, 'dialog.rate_comment_ask'),
        suggestedActions: { to: [], actions: [choice('skip', t(L, 'dialog.photo_skip')).action!] },
      });
    }
  } catch (err) {
    // A second tap on an old button, or someone else's case: say so plainly instead of failing the turn.
    if (isRedressError(err)) await ctx.sendActivity(err.message);
    else throw err;
  }
  return true;
}

/**
 * A star widget sends `rating:<n>` without a case id: it rates the consumer's most recently resolved case.
 * Returns a match shaped like ACTION's, or null.
 */
async function starRating(value: string, consumerId: string, complaints: ComplaintService): Promise<string[] | null> {
  const star = /^rating:([1-5])$/.exec(value.trim());
  if (!star) return null;
  const resolved = (await complaints.listOwn(consumerId)).find((c) => c.status === 'resolved');
  return resolved ? [value, 'rate', resolved.id, star[1]!] : null;
}

/** The free text after a rating is its comment (or "skip"). */
export async function takeRatingComment(text: string, ctx: TurnContext, data: ConversationData, consumerId: string, complaints: ComplaintService): Promise<void> {
  const id = data.awaitingCommentFor!;
  data.awaitingCommentFor = undefined;
  const skip = ['skip', '跳过', 'no', '没有'].includes(text.trim().toLowerCase());
  if (!skip) await complaints.addRatingComment(consumerId, id, text.slice(0, 2000));
  await ctx.sendActivity(t(data.locale ?? 'en', 'dialog.rate_thanks'));
}
