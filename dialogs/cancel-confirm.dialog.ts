import type { TurnContext } from 'botbuilder';
import { Dialog, WaterfallDialog, type DialogSet, type FoundChoice, type PromptOptions } from 'botbuilder-dialogs';
import { PROMPT } from './field.dialogs.js';
import { choice, promptActivity, speaker, type Speaker } from './intake-prompts.js';
import type { IntakeDeps } from './intake-state.js';

export const CANCEL_CONFIRM = 'cancelConfirm';

/** "Cancel this complaint?" with Yes / No: one question, whether Cancel was pressed at the summary or `/cancel` typed. */
export function cancelQuestion(s: Pick<Speaker, 'say'>): PromptOptions {
  return {
    prompt: promptActivity(s.say('dialog.cancel_confirm'), 'choice'),
    choices: [choice('cancel_yes', s.say('dialog.cancel_yes')), choice('cancel_no', s.say('dialog.cancel_no'))],
  };
}

export async function discardDraft(ctx: TurnContext, s: Speaker): Promise<void> {
  s.data.draft = undefined;
  await ctx.sendActivity(s.say('dialog.cancelled'));
}

/**
 * `/cancel` typed mid-dialog asks first, like the summary's Cancel button (one slip must not throw a draft away).
 * It runs on top of whatever step was waiting. Yes ends every dialog and deletes the draft. No takes this dialog
 * off the stack and asks the waiting step's question again: ending it normally would hand "No" to that step as
 * its answer (a waterfall would take it as the order number).
 */
export function addCancelConfirm(set: DialogSet, deps: IntakeDeps): void {
  set.add(new WaterfallDialog(CANCEL_CONFIRM, [
    async (step) => step.prompt(PROMPT.choice, cancelQuestion(await speaker(step.context, deps))),
    async (step) => {
      const s = await speaker(step.context, deps);
      if ((step.result as FoundChoice).value === 'cancel_yes') {
        await discardDraft(step.context, s);
        return step.cancelAllDialogs();
      }
      step.stack.splice(step.stack.indexOf(step.activeDialog!), 1);
      await step.repromptDialog();
      return Dialog.EndOfTurn;
    },
  ]));
}
