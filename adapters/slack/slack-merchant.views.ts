/**
 * The "Ask the merchant…" modal: what to ask and a deadline in hours. Only the form lives here; the bounds
 * (question length, hours within MERCHANT_MAX_DEADLINE_HOURS) are AgentOperations.askMerchant's, which the
 * submission calls, so a hand-made payload past the inputs' limits is still refused there.
 */
import type { types } from '@slack/bolt';
import { MAX_QUESTION_CHARS } from '../../src/merchants/merchant-requests.js';
import { LIMITS } from './slack-limits.js';
import { clip, escapeMrkdwn } from './slack-text.js';
import { VIEWS, type ViewValues } from './slack.mapper.js';

/** The deadline the form starts with, as the console's: two days, or the maximum when that is shorter. */
const DEFAULT_HOURS = 48;

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: clip(text, max) });

export function askMerchantView(complaintId: string, maxHours: number): types.View {
  const initial = String(Math.min(DEFAULT_HOURS, maxHours));
  return {
    type: 'modal', callback_id: VIEWS.askMerchant, private_metadata: complaintId,
    title: plain('Ask the merchant', LIMITS.modalTitle), submit: plain('Ask', LIMITS.modalTitle), close: plain('Cancel', LIMITS.modalTitle),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `Ask the merchant of *${escapeMrkdwn(complaintId)}* for evidence or a response. The consumer is told when to expect it; the answer stays with the agents. The link to pass on to the merchant is on the case's console page.` },
      },
      {
        type: 'input', block_id: 'question', label: plain('What do you ask the merchant?', 2000),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: Math.min(MAX_QUESTION_CHARS, LIMITS.inputMaxLength) },
      },
      {
        type: 'input', block_id: 'hours', label: plain(`Deadline in hours (at most ${maxHours})`, 2000),
        element: { type: 'number_input', action_id: 'value', is_decimal_allowed: true, min_value: '0', max_value: String(maxHours), initial_value: initial },
      },
    ],
  };
}

/** The form's values as AgentOperations.askMerchant takes them; hours stay as typed (it parses them strictly). */
export function readMerchantAsk(values: ViewValues): { question: string; hours: string } {
  return { question: values.question?.value?.value ?? '', hours: values.hours?.value?.value ?? '' };
}
