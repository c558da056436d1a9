import type { Logger } from '../../src/logging/logger.js';
import type { SlackDeliveryError } from './slack.errors.js';
import type { SlackOnceStore } from './slack-once.store.js';
import type { SlackKeys } from './slack.keys.js';

/** A Slack failure that a person must fix, for the console's supervisor alerts. No personal data in it. */
export interface SlackProblem {
  code: string;
  text: string;
  complaintId?: string;
}

export type ReportProblem = (p: SlackProblem) => Promise<void>;

/** Problems of the whole setup (token, channel): one report covers every case they hit. */
const SETUP = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'missing_scope', 'channel_not_found', 'not_in_channel', 'is_archived']);

/**
 * Logs every failed Slack call with its code and case id (never the text), and reports the permanent ones
 * through `reportProblem`: a setup problem (token, channel) at most once per code in ten minutes, however
 * many cases it hits; any other at most once per code and case.
 */
export class SlackProblems {
  constructor(
    private readonly logger: Logger,
    private readonly once: SlackOnceStore,
    private readonly keys: SlackKeys,
    private readonly reportProblem?: ReportProblem,
  ) {}

  async failed(e: SlackDeliveryError): Promise<void> {
    const fields = { code: e.code, complaintId: e.complaintId, permanent: e.permanent };
    if (!e.permanent) return void this.logger.warn(fields, 'slack: call failed, will be retried');
    this.logger.error(fields, `slack: ${e.message}`);
    await this.report({ code: e.code, text: e.message, complaintId: e.complaintId });
  }

  /** Reports (throttled); a failing reporter is logged, never thrown into the Slack path. */
  async report(p: SlackProblem): Promise<void> {
    if (!this.reportProblem) return;
    try {
      const key = this.keys.problem(p.code, SETUP.has(p.code) ? undefined : p.complaintId);
      if (await this.once.firstReport(key)) await this.reportProblem(p);
    } catch (err) {
      this.logger.error({ err: (err as Error).message, code: p.code, complaintId: p.complaintId }, 'slack: reporting a problem failed');
    }
  }
}
