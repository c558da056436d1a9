import { WaterfallDialog, type DialogSet, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n/catalog.js';
import type { ComplaintDraft } from '../src/complaints/complaint.types.js';
import type { Attachment } from '../src/messages/message.types.js';
import { cleanDisplayName } from '../src/messages/consumer-text.js';
import type { Category, DesiredResolution } from '../src/triage/triage.types.js';
import { addCancelConfirm, cancelQuestion, discardDraft } from './cancel-confirm.dialog.js';
import { FIELD, PROMPT, addFieldDialogs, type Field } from './field.dialogs.js';
import { choice, promptActivity, speaker, type Speaker } from './intake-prompts.js';
import type { DraftInProgress, IntakeDeps } from './intake-state.js';
import { itemsLine } from './order-choices.js';

export const INTAKE = 'intake';
const SUMMARY = 'summary';
/** A first message this long already describes the problem; don't make them write it twice. */
const DESCRIPTIVE_LENGTH = 60;
/**
 * The most of the description the summary quotes. The rest of the summary is a few short lines, so the whole
 * message with its question stays well inside every channel's limit (Telegram 4,096, widget 4,000); the draft
 * keeps the full text for the specialist.
 */
const SUMMARY_DESCRIPTION_MAX = 1500;

/**
 * The guided intake: problem (suggested from their own words, confirmed) → order number → description
 * → photos → desired resolution → summary with confirm / change a field / cancel → complaint number.
 * The draft lives in conversation data, so every step survives a restart and "change" reuses one field dialog.
 */
export function addIntakeDialogs(set: DialogSet, deps: IntakeDeps): void {
  addFieldDialogs(set, deps);
  addCancelConfirm(set, deps);
  const draftOf = async (step: WaterfallStepContext): Promise<DraftInProgress> => {
    const data = await deps.data.get(step.context, {});
    data.draft ??= { evidence: [], texts: [] };
    return data.draft;
  };

  set.add(new WaterfallDialog(INTAKE, [
    async (step) => {
      const draft = await draftOf(step);
      const s = await speaker(step.context, deps);
      if (!draft.suggested) return step.next(false);
      const prompt = promptActivity(s.say('dialog.category_suggest', { category: t(s.locale, `category.${draft.suggested}`) }), 'choice');
      return step.prompt(PROMPT.choice, { prompt, choices: [choice('yes', s.say('dialog.yes'), 'y', '对', '是'), choice('no', s.say('dialog.no_other'), 'n', '不是')] });
    },
    async (step) => {
      const draft = await draftOf(step);
      if ((step.result as FoundChoice | false || undefined)?.value === 'yes' && draft.suggested) {
        draft.category = draft.suggested;
        return step.next(draft.category);
      }
      return step.beginDialog(FIELD.category);
    },
    async (step) => {
      const draft = await draftOf(step);
      draft.category = step.result as Category;
      // A deep link (/start <order>) already named the order, checked against ORDER_ID_PATTERN when it came in.
      if (draft.orderId) return step.next(draft.orderId);
      return step.beginDialog(FIELD.order);
    },
    async (step) => {
      const draft = await draftOf(step);
      draft.orderId = step.result as string | null;
      if ((draft.firstText?.length ?? 0) >= DESCRIPTIVE_LENGTH) {
        draft.description = draft.firstText;
        return step.next(draft.description);
      }
      return step.beginDialog(FIELD.description);
    },
    async (step) => {
      const draft = await draftOf(step);
      draft.description = String(step.result);
      if (draft.description !== draft.firstText) draft.texts.push(draft.description);
      return step.beginDialog(FIELD.photos);
    },
    async (step) => {
      const draft = await draftOf(step);
      draft.evidence = [...draft.evidence, ...(step.result as Attachment[])];
      return step.beginDialog(FIELD.resolution);
    },
    async (step) => {
      (await draftOf(step)).desiredResolution = step.result as DesiredResolution;
      return step.replaceDialog(SUMMARY);
    },
  ]));

  set.add(new WaterfallDialog(SUMMARY, [
    async (step) => {
      const s = await speaker(step.context, deps);
      const d = await draftOf(step);
      const text = s.say('dialog.summary', {
        category: t(s.locale, `category.${d.category ?? 'other'}`),
        order: orderLine(d, s),
        description: shortened(d.description ?? '', (length) => s.say('dialog.summary_shortened', { length })),
        photos: d.evidence.length,
        resolution: t(s.locale, `resolution.${d.desiredResolution ?? 'other'}`),
      });
      const choices = [choice('confirm', s.say('dialog.confirm')), choice('change', s.say('dialog.change')), choice('cancel', s.say('dialog.cancel'))];
      return step.prompt(PROMPT.choice, { prompt: promptActivity(text, 'choice'), choices });
    },
    async (step) => {
      const s = await speaker(step.context, deps);
      const picked = (step.result as FoundChoice).value;
      if (picked === 'cancel') {
        // One press must not throw a whole draft away: ask first.
        (step.values as { cancelling?: boolean }).cancelling = true;
        return step.prompt(PROMPT.choice, cancelQuestion(s));
      }
      if (picked === 'confirm') return step.endDialog(await submit(step, deps));
      const fields = (Object.keys(FIELD) as Field[]).map((f) => choice(f, s.say(`dialog.field.${f}`)));
      return step.prompt(PROMPT.choice, { prompt: promptActivity(s.say('dialog.change_which'), 'choice'), choices: fields });
    },
    async (step) => {
      if ((step.values as { cancelling?: boolean }).cancelling) {
        if ((step.result as FoundChoice).value !== 'cancel_yes') return step.replaceDialog(SUMMARY);
        await discardDraft(step.context, await speaker(step.context, deps));
        return step.endDialog();
      }
      const field = (step.result as FoundChoice).value as Field;
      (step.values as { field?: Field }).field = field;
      return step.beginDialog(FIELD[field]);
    },
    async (step) => {
      const d = await draftOf(step);
      const field = (step.values as { field?: Field }).field;
      if (field === 'category') d.category = step.result as Category;
      if (field === 'order') d.orderId = step.result as string | null;
      if (field === 'description') { d.description = String(step.result); d.texts.push(d.description); }
      if (field === 'photos') d.evidence = [...d.evidence, ...(step.result as Attachment[])];
      if (field === 'resolution') d.desiredResolution = step.result as DesiredResolution;
      return step.replaceDialog(SUMMARY);
    },
  ]));
}

/** Files the draft and answers with the number and a concrete promise (or says it was attached to an open case). */
export async function submit(step: Pick<WaterfallStepContext, 'context'>, deps: IntakeDeps, wantsHuman = false): Promise<string> {
  const s = await speaker(step.context, deps);
  const d = s.data.draft ?? { evidence: [], texts: [] };
  const draft: ComplaintDraft = {
    category: d.category ?? d.suggested ?? 'other',
    orderId: d.orderId ?? null,
    description: d.description ?? d.firstText ?? '',
    evidence: d.evidence,
    desiredResolution: d.desiredResolution ?? 'other',
    locale: s.locale,
    texts: d.texts.length ? d.texts : [d.firstText ?? ''],
    wantsHuman,
    ...(s.data.timeZone ? { timeZone: s.data.timeZone } : {}),
  };
  // Taken from the turn that files the case, not kept in the dialog's state: the name is stored once, on the case.
  const consumerName = cleanDisplayName(step.context.activity.from?.name);
  if (consumerName) draft.consumerName = consumerName;
  const { complaint, attached } = await deps.submit(step.context, draft);
  s.data.draft = undefined;
  if (attached) {
    await step.context.sendActivity(s.say('dialog.attached', { id: complaint.id, order: draft.orderId ?? '' }));
    return complaint.id;
  }
  const due = complaint.triage.deadlines.find((x) => x.kind === 'first_response')?.dueAt ?? complaint.createdAt + deps.firstResponseMinutes * 60_000;
  const text = t(s.locale, 'dialog.filed', { id: complaint.id, minutes: deps.firstResponseMinutes, time: s.time(due) }, s.tone);
  await step.context.sendActivity({
    type: 'message', text,
    channelData: { redress: { kind: 'system', complaintId: complaint.id, card: { complaintId: complaint.id, status: complaint.status, statusLabel: t(s.locale, `status.${complaint.status}`), category: t(s.locale, `category.${complaint.category}`), updatedAt: complaint.updatedAt } } },
  });
  return complaint.id;
}

/** The order as the summary names it: with its items when the platform told them, so the consumer sees it is the right one. */
function orderLine(d: DraftInProgress, s: Speaker): string {
  if (!d.orderId) return s.say('dialog.no_order');
  return d.orderItems?.orderId === d.orderId ? s.say('dialog.order_items', { order: d.orderId, items: itemsLine(d.orderItems, s) }) : d.orderId;
}

/** The description as the summary quotes it: whole up to SUMMARY_DESCRIPTION_MAX, else cut at a word with a note. */
function shortened(text: string, note: (length: number) => string): string {
  if (text.length <= SUMMARY_DESCRIPTION_MAX) return text;
  const cut = text.slice(0, SUMMARY_DESCRIPTION_MAX);
  const atSpace = cut.lastIndexOf(' ');
  const head = atSpace > SUMMARY_DESCRIPTION_MAX - 200 ? cut.slice(0, atSpace) : cut.replace(/[\uD800-\uDBFF]$/, '');
  return head + note(text.length);
}
