import { ChoicePrompt, ListStyle, TextPrompt, WaterfallDialog, type DialogSet, type PromptValidatorContext, type FoundChoice } from 'botbuilder-dialogs';
import type { Category, DesiredResolution } from '../src/triage/triage.types.js';
import { categoryChoices, choice, promptActivity, resolutionChoices, speaker } from './intake-prompts.js';
import type { IntakeDeps } from './intake-state.js';
import { PhotoEvidenceDialog } from './photo-evidence.dialog.js';

export const FIELD = {
  category: 'askCategory',
  order: 'askOrder',
  description: 'askDescription',
  photos: 'askPhotos',
  resolution: 'askResolution',
} as const;
export type Field = keyof typeof FIELD;

export const PROMPT = { choice: 'choicePrompt', order: 'orderPrompt', text: 'textPrompt' } as const;

const NO_ORDER = 'no_order';

/** Registers the prompts and one small dialog per draft field, so "change a field" can reuse exactly one. */
export function addFieldDialogs(set: DialogSet, deps: IntakeDeps): void {
  const choicePrompt = new ChoicePrompt(PROMPT.choice);
  choicePrompt.style = ListStyle.suggestedAction;
  set.add(choicePrompt);
  set.add(new TextPrompt(PROMPT.order, (p) => validateOrder(p, deps)));
  set.add(new TextPrompt(PROMPT.text, async (p) => !!p.recognized.value?.trim()));
  set.add(new PhotoEvidenceDialog(FIELD.photos, deps));

  set.add(new WaterfallDialog(FIELD.category, [
    async (step) => {
      const s = await speaker(step.context, deps);
      return step.prompt(PROMPT.choice, { prompt: promptActivity(s.say('dialog.category_ask'), 'choice'), choices: categoryChoices(s.locale) });
    },
    async (step) => step.endDialog((step.result as FoundChoice).value as Category),
  ]));

  set.add(new WaterfallDialog(FIELD.order, [
    async (step) => {
      const s = await speaker(step.context, deps);
      const prompt = { ...promptActivity(s.say('dialog.order_ask')), suggestedActions: { to: [], actions: [choice(NO_ORDER, s.say('dialog.order_none')).action!] } };
      const retry = { ...prompt, text: s.say('dialog.order_invalid', { value: '{value}', example: deps.orderIdExample }) };
      return step.prompt(PROMPT.order, { prompt, retryPrompt: retry });
    },
    async (step) => {
      const value = String(step.result).trim();
      return step.endDialog(isNoOrder(value) ? null : value);
    },
  ]));

  set.add(new WaterfallDialog(FIELD.description, [
    async (step) => {
      const s = await speaker(step.context, deps);
      return step.prompt(PROMPT.text, { prompt: promptActivity(s.say('dialog.description_ask')), retryPrompt: promptActivity(s.say('dialog.empty')) });
    },
    async (step) => step.endDialog(String(step.result).trim()),
  ]));

  set.add(new WaterfallDialog(FIELD.resolution, [
    async (step) => {
      const s = await speaker(step.context, deps);
      return step.prompt(PROMPT.choice, { prompt: promptActivity(s.say('dialog.resolution_ask'), 'choice'), choices: resolutionChoices(s.locale) });
    },
    async (step) => step.endDialog((step.result as FoundChoice).value as DesiredResolution),
  ]));
}

function isNoOrder(value: string): boolean {
  const v = value.toLowerCase();
  return v === NO_ORDER || v === "i don't have it" || v === 'i dont have it' || v === '我没有订单号' || v === '没有';
}

/** An order number must match ORDER_ID_PATTERN; the retry prompt (sent by the prompt itself) quotes what they typed. */
async function validateOrder(p: PromptValidatorContext<string>, deps: IntakeDeps): Promise<boolean> {
  const value = (p.recognized.value ?? '').trim();
  if (isNoOrder(value) || deps.orderIdRegex.test(value)) return true;
  const s = await speaker(p.context, deps);
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  const retry = p.options.retryPrompt;
  if (retry && typeof retry === 'object') p.options.retryPrompt = { ...retry, text: s.say('dialog.order_invalid', { value: shown, example: deps.orderIdExample }) };
  return false;
}
