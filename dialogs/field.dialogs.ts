import { ChoicePrompt, ListStyle, TextPrompt, WaterfallDialog, type DialogSet, type FoundChoice } from 'botbuilder-dialogs';
import type { Category, DesiredResolution } from '../src/triage/triage.types.js';
import { categoryChoices, promptActivity, resolutionChoices, speaker } from './intake-prompts.js';
import type { IntakeDeps } from './intake-state.js';
import { addOrderDialog } from './order-step.dialog.js';
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

/** Registers the prompts and one small dialog per draft field, so "change a field" can reuse exactly one. */
export function addFieldDialogs(set: DialogSet, deps: IntakeDeps): void {
  const choicePrompt = new ChoicePrompt(PROMPT.choice);
  choicePrompt.style = ListStyle.suggestedAction;
  set.add(choicePrompt);
  set.add(new TextPrompt(PROMPT.text, async (p) => !!p.recognized.value?.trim()));
  set.add(new PhotoEvidenceDialog(FIELD.photos, deps));

  set.add(new WaterfallDialog(FIELD.category, [
    async (step) => {
      const s = await speaker(step.context, deps);
      return step.prompt(PROMPT.choice, { prompt: promptActivity(s.say('dialog.category_ask'), 'choice'), choices: categoryChoices(s.locale) });
    },
    async (step) => step.endDialog((step.result as FoundChoice).value as Category),
  ]));

  addOrderDialog(set, FIELD.order, PROMPT.order, deps);

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
