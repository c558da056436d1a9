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
      const typed = data.ratingComment?.id === id ? data.ratingComment.text : undefined;
      data.ratingComment = undefined;
      await complaints.rate(consumerId, id, Number(score), typed);
      // The closing message (progress.closed / reopened_rated) asks for a comment, with Skip, in one message: its
      // order against this turn's replies cannot vary. With a comment typed already, nothing more is asked.
      if (!typed) data.awaitingCommentFor = id;
    }
  } catch (err) {
    // A second tap on an old button, or someone else's case: say so plainly, in their language, instead of
    // failing the turn. The error's own text is for logs and agents, never for the consumer.
    if (!isRedressError(err)) throw err;
    await ctx.sendActivity(t(L, actionProblemKey(err.code), { id }));
  }
  return true;
}

function actionProblemKey(code: string): string {
  if (code === 'complaint.illegal_transition') return 'dialog.action_stale';
  if (code === 'consumer.not_owner' || code === 'complaint.not_found') return 'dialog.action_not_yours';
  return 'dialog.action_failed';
}

/**
 * Text typed while a resolved case waits for its stars: a bare 1–5 ("4", "4 stars", "4星") is the rating; anything
 * else is the rating's comment, kept until the stars come, which are asked for again.
 */
export async function takeTypedRating(text: string, id: string, ctx: TurnContext, data: ConversationData, consumerId: string, complaints: ComplaintService): Promise<void> {
  const stars = /^\s*([1-5])\s*(stars?|星|分|\/\s*5)?\s*$/i.exec(text);
  if (stars) {
    await runConsumerAction(`rate:${id}:${stars[1]}`, ctx, data, consumerId, complaints);
    return;
  }
  data.ratingComment = { id, text: text.slice(0, 2000) };
  const L = data.locale ?? 'en';
  await ctx.sendActivity({
    type: 'message', text: t(L, 'dialog.rate_need_stars', { id }),
    channelData: { redress: { kind: 'dialog', expects: 'rating' } },
    suggestedActions: { to: [], actions: [1, 2, 3, 4, 5].map((n) => choice(`rate:${id}:${n}`, '★'.repeat(n)).action!) },
  });
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
