/**
 * The merchant's side of a request, whichever way it arrives (the answer page, the platform's signed API):
 * one use case with thin entry points. Text and files are checked first, the files stored behind the storage
 * port, then the answer is written in the case's own write; if that write refuses (answered meanwhile,
 * expired), the stored files are removed again.
 */
import type { Clock } from '../clock.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import type { Complaint } from '../complaints/complaint.types.js';
import { RedressError } from '../errors.js';
import type { FileStoragePort } from '../storage/file-storage.port.js';
import { checkFiles, removeFiles, storeFiles, type IncomingFile } from './merchant-files.js';
import type { MerchantRequest } from './merchant-request.types.js';
import { answerChange, complaintIdOf, findRequest, MAX_ANSWER_CHARS, requireText } from './merchant-requests.js';

export interface MerchantAnswerInput {
  text: string;
  files: IncomingFile[];
  via: 'page' | 'api';
}

export interface MerchantAnswersOptions {
  /** MERCHANT_LINK_GRACE_HOURS in ms: answers are taken until the deadline plus this. */
  graceMs: number;
  /** UPLOAD_MAX_BYTES: the largest file. */
  maxBytes: number;
  now: Clock;
}

export class MerchantAnswers {
  constructor(
    private readonly complaints: ComplaintService,
    private readonly storage: FileStoragePort,
    private readonly opts: MerchantAnswersOptions,
  ) {}

  /** The request and its case, or `complaint.not_found` for an id that names nothing. */
  async find(requestId: string): Promise<{ complaint: Complaint; request: MerchantRequest }> {
    const id = complaintIdOf(requestId);
    const complaint = id ? await this.complaints.store.get(id) : null;
    const request = complaint ? findRequest(complaint, requestId) : undefined;
    if (!complaint || !request) throw new RedressError('complaint.not_found', `No merchant request ${requestId}.`, { requestId });
    return { complaint, request };
  }

  expiresAt(r: Pick<MerchantRequest, 'dueAt'>): number {
    return r.dueAt + this.opts.graceMs;
  }

  async answer(requestId: string, input: MerchantAnswerInput): Promise<MerchantRequest> {
    const text = requireText(input.text, 'text', MAX_ANSWER_CHARS);
    const checked = checkFiles(input.files, this.opts.maxBytes);
    const { complaint, request } = await this.find(requestId);
    // Refused before storing anything where we already know the answer; the write below decides for good.
    answerChange(complaint, requestId, { text, files: [], at: this.opts.now(), via: input.via }, (r) => this.expiresAt(r));
    const files = await storeFiles(this.storage, request.id, checked);
    try {
      const c = await this.complaints.mutate(complaint.id, (x) =>
        answerChange(x, requestId, { text, files, at: this.opts.now(), via: input.via }, (r) => this.expiresAt(r)));
      return findRequest(c, requestId)!;
    } catch (err) {
      await removeFiles(this.storage, files);
      throw err;
    }
  }
}
