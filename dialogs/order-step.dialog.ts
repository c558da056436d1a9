/**
 * The order-number step. With recent orders from the platform it offers them as choices (plus "another order",
 * which asks for the number, and "I don't have it"); typing a number works either way. Without them (an anonymous
 * consumer, a platform without the question, slow or down) it asks for the number as before. The order the
 * consumer settles on is checked against ORDER_ID_PATTERN and the look-up; its items go on the draft for the summary.
 */
import { TextPrompt, WaterfallDialog, type Choice as BotChoice, type DialogSet, type PromptOptions, type PromptValidatorContext } from 'botbuilder-dialogs';
import type { OrderFacts } from '../src/orders/order-facts.js';
import { choice, promptActivity, speaker, type Speaker } from './intake-prompts.js';
import type { IntakeDeps, OrderItems } from './intake-state.js';
import { ANOTHER_ORDER, NO_ORDER, itemsOf, recentOrderChoices, resolveOrderInput } from './order-choices.js';

/** The prompt's options carry the offered choices and, for the validator, what each recent order holds (bounded: dialog state). */
type OrderPromptOptions = PromptOptions & { choices?: BotChoice[]; validations?: { recent: OrderItems[] } };

export function addOrderDialog(set: DialogSet, dialogId: string, promptId: string, deps: IntakeDeps): void {
  set.add(new TextPrompt(promptId, (p) => validateOrder(p, deps)));
  set.add(new WaterfallDialog(dialogId, [
    async (step) => {
      // The look-up answers within ORDER_LOOKUP_TIMEOUT_MS, and with none on any failure: never a stuck step.
      const recent = deps.recentOrders ? await deps.recentOrders(step.context) : [];
      const options = orderPrompt(await speaker(step.context, deps), deps, recent);
      (step.values as { choices?: BotChoice[] }).choices = options.choices;
      return step.prompt(promptId, options);
    },
    async (step) => {
      const value = resolveOrderInput(String(step.result).trim(), (step.values as { choices?: BotChoice[] }).choices);
      if (value === ANOTHER_ORDER) return step.prompt(promptId, orderPrompt(await speaker(step.context, deps), deps, []));
      return step.endDialog(isNoOrder(value) ? null : value);
    },
    async (step) => {
      const value = String(step.result).trim();
      return step.endDialog(isNoOrder(value) ? null : value);
    },
  ]));
}

/** The question with its buttons: the recent orders, another and none; or, without recent orders, none only. */
function orderPrompt(s: Speaker, deps: IntakeDeps, recent: OrderFacts[]): OrderPromptOptions {
  const choices = recent.length ? recentOrderChoices(recent, s, s.data.timeZone ?? deps.timeZone) : [choice(NO_ORDER, s.say('dialog.order_none'))];
  const text = s.say(recent.length ? 'dialog.order_pick' : 'dialog.order_ask');
  const prompt = { ...promptActivity(text), suggestedActions: { to: [], actions: choices.map((c) => c.action!) } };
  const retryPrompt = { ...prompt, text: s.say('dialog.order_invalid', { value: '{value}', example: deps.orderIdExample }) };
  return { prompt, retryPrompt, ...(recent.length ? { choices, validations: { recent: recent.map(itemsOf) } } : {}) };
}

export function isNoOrder(value: string): boolean {
  const v = value.toLowerCase();
  return v === NO_ORDER || v === "i don't have it" || v === 'i dont have it' || v === '我没有订单号' || v === '没有';
}

/**
 * A recent order the consumer picked is theirs by the platform's own answer. Any other order number must match
 * ORDER_ID_PATTERN and, with an order look-up, exist and be theirs; the retry prompt (sent by the prompt itself)
 * quotes what they typed.
 */
async function validateOrder(p: PromptValidatorContext<string>, deps: IntakeDeps): Promise<boolean> {
  const options = p.options as OrderPromptOptions;
  const value = resolveOrderInput((p.recognized.value ?? '').trim(), options.choices);
  if (isNoOrder(value) || value === ANOTHER_ORDER) return true;
  const s = await speaker(p.context, deps);
  const picked = options.validations?.recent.find((o) => o.orderId === value);
  if (picked) return remember(s, picked);
  const wellFormed = deps.orderIdRegex.test(value);
  // A definite "no such order" / "not yours" from the platform asks again; a slow or absent platform lets it through.
  const check = wellFormed && deps.checkOrder ? await deps.checkOrder(p.context, value) : { verdict: 'ok' as const };
  if (wellFormed && check.verdict === 'ok') return check.facts ? remember(s, itemsOf(check.facts)) : true;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  const key = !wellFormed ? 'dialog.order_invalid' : check.verdict === 'unknown' ? 'dialog.order_unknown' : 'dialog.order_not_yours';
  const retry = p.options.retryPrompt;
  if (retry && typeof retry === 'object') p.options.retryPrompt = { ...retry, text: s.say(key, { value: shown, example: deps.orderIdExample }) };
  return false;
}

/** Keeps the accepted order's items with the draft, so the summary shows them (the consumer sees it is the right order). */
function remember(s: Speaker, items: OrderItems): true {
  if (s.data.draft) s.data.draft.orderItems = items;
  return true;
}
