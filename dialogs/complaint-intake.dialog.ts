import { WaterfallDialog, type DialogSet, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import { formatTime, t } from '../src/i18n/catalog.js';
import type { ComplaintDraft } from '../src/complaints/complaint.types.js';
import type { Attachment } from '../src/messages/message.types.js';
import type { Category, DesiredResolution } from '../src/triage/triage.types.js';
import { FIELD, PROMPT, addFieldDialogs, type Field } from './field.dialogs.js';
import { choice, promptActivity, speaker } from './intake-prompts.js';
import type { DraftInProgress, IntakeDeps } from './intake-state.js';

export const INTAKE = 'intake';
const SUMMARY = 'summary';
/** A first message this long already describes the problem; don't make them write it twice. */
const DESCRIPTIVE_LENGTH = 60;

/**
 * The guided intake: problem (suggested from their own words, confirmed) → order number → description
 * → photos → desired resolution → summary with confirm / change a field / cancel → complaint number.
 * The draft lives in conversation data, so every step survives a restart and "change" reuses one field dialog.
 */
export function addIntakeDialogs(set: DialogSet, deps: IntakeDeps): void {
  addFieldDialogs(set, deps);
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
      (await draftOf(step)).category = step.result as Category;
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
        order: d.orderId ?? s.say('dialog.no_order'),
        description: d.description ?? '',
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
        s.data.draft = undefined;
        await step.context.sendActivity(s.say('dialog.cancelled'));
        return step.endDialog();
      }
      if (picked === 'confirm') return step.endDialog(await submit(step, deps));
      const fields = (Object.keys(FIELD) as Field[]).map((f) => choice(f, s.say(`dialog.field.${f}`)));
      return step.prompt(PROMPT.choice, { prompt: promptActivity(s.say('dialog.change_which'), 'choice'), choices: fields });
    },
    async (step) => {
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
  };
  const { complaint, attached } = await deps.submit(step.context, draft);
  s.data.draft = undefined;
  if (attached) {
    await step.context.sendActivity(s.say('dialog.attached', { id: complaint.id, order: draft.orderId ?? '' }));
    return complaint.id;
  }
  const due = complaint.triage.deadlines.find((x) => x.kind === 'first_response')?.dueAt ?? Date.now() + deps.firstResponseMinutes * 60_000;
  const text = t(s.locale, 'dialog.filed', { id: complaint.id, minutes: deps.firstResponseMinutes, time: formatTime(s.locale, due, deps.timeZone) }, s.tone);
  await step.context.sendActivity({
    type: 'message', text,
    channelData: { redress: { kind: 'system', complaintId: complaint.id, card: { complaintId: complaint.id, status: complaint.status, statusLabel: t(s.locale, `status.${complaint.status}`), category: t(s.locale, `category.${complaint.category}`), updatedAt: complaint.updatedAt } } },
  });
  return complaint.id;
}
