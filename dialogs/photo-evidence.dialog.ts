import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Attachment } from '../src/messages/message.types.js';
import type { Locale } from '../src/complaints/complaint.types.js';
import { t } from '../src/i18n/catalog.js';
import { IMAGE_TYPES, type IntakeDeps } from './intake-state.js';
import { promptActivity, speaker } from './intake-prompts.js';

const DONE_WORDS = ['done', 'skip', 'finish', 'no', 'none', '完成', '跳过', '没有', '好了'];

/**
 * Collects zero or more photos. Each attachment is checked for type and size; a bad one gets a clear
 * answer and the consumer carries on. Ends with the accepted attachments when they press Done or Skip.
 */
const maxMb = (maxBytes: number) => ({ maxMb: Math.round(maxBytes / 1048576) });

/** Why a photo can't be evidence (catalogue key and its values), or null when it can: type first, then size. */
export function photoProblem(a: Attachment, maxBytes: number, locale: Locale): { key: string; vars: Record<string, string | number> } | null {
  if (!a.mimeType || !IMAGE_TYPES.includes(a.mimeType)) return { key: 'dialog.photo_bad_type', vars: { type: t(locale, fileTypeKey(a.mimeType)), ...maxMb(maxBytes) } };
  if ((a.sizeBytes ?? 0) > maxBytes) return { key: 'dialog.photo_too_large', vars: { sizeMb: ((a.sizeBytes ?? 0) / 1048576).toFixed(1), ...maxMb(maxBytes) } };
  return null;
}

/** What kind of file it was, in words the consumer knows (`filetype.*` in the catalogue), not a MIME type. */
function fileTypeKey(mimeType: string | undefined): string {
  if (mimeType === 'image/heic' || mimeType === 'image/heif') return 'filetype.heic';
  if (mimeType === 'application/pdf') return 'filetype.pdf';
  if (mimeType?.startsWith('video/')) return 'filetype.video';
  if (mimeType?.startsWith('audio/')) return 'filetype.audio';
  return 'filetype.other';
}

export class PhotoEvidenceDialog extends Dialog<{ photos: Attachment[] }> {
  constructor(id: string, private readonly deps: IntakeDeps) {
    super(id);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    dc.activeDialog!.state.photos = [];
    await this.ask(dc, 'dialog.photo_ask');
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as { photos: Attachment[] };
    const incoming = (dc.context.activity.attachments ?? []).map((a) => (a.content ?? { kind: 'file', mimeType: a.contentType, url: a.contentUrl }) as Attachment);
    if (incoming.length) {
      const { locale } = await speaker(dc.context, this.deps);
      for (const a of incoming) {
        const problem = photoProblem(a, this.deps.maxUploadBytes, locale);
        if (problem) await this.ask(dc, problem.key, problem.vars);
        else state.photos.push(a);
      }
      if (state.photos.length) await this.ask(dc, 'dialog.photo_received', { count: state.photos.length });
      return Dialog.EndOfTurn;
    }
    const text = (dc.context.activity.text ?? '').trim().toLowerCase();
    if (DONE_WORDS.includes(text) || text === 'photos:done') return dc.endDialog(state.photos);
    await this.ask(dc, 'dialog.photo_waiting');
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: DialogContext['context']): Promise<void> {
    const s = await speaker(context, this.deps);
    await context.sendActivity(this.withButtons(promptActivity(s.say('dialog.photo_ask', this.limits()), 'photo'), s.say('dialog.photo_done'), s.say('dialog.photo_skip')));
  }

  private async ask(dc: DialogContext, key: string, vars: Record<string, string | number> = {}): Promise<void> {
    const s = await speaker(dc.context, this.deps);
    const text = s.say(key, { ...this.limits(), ...vars });
    await dc.context.sendActivity(this.withButtons(promptActivity(text, 'photo'), s.say('dialog.photo_done'), s.say('dialog.photo_skip')));
  }

  private limits() {
    return maxMb(this.deps.maxUploadBytes);
  }

  private withButtons(activity: ReturnType<typeof promptActivity>, done: string, skip: string) {
    return { ...activity, suggestedActions: { to: [], actions: [{ type: 'imBack', title: done, value: 'done' }, { type: 'imBack', title: skip, value: 'skip' }] } };
  }
}
