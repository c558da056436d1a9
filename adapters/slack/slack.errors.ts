/**
 * A Slack call that failed after we tried everything, as a signal to whoever calls the workspace (the
 * handoff job, the change log): `permanent` says a retry cannot help until someone fixes the setup or the
 * code, so stop and tell a person; otherwise retry with backoff. `code` is Slack's own error
 * (`channel_not_found`, `invalid_blocks`, …) or `slack_unreachable` / `slack_http_<status>` / `ratelimited`.
 */
export class SlackDeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
    message: string,
    readonly complaintId?: string,
  ) {
    super(message);
    this.name = 'SlackDeliveryError';
  }
}

/** Errors no retry can fix: the token, the channel, the scopes, or our own payload. */
const PERMANENT = new Set([
  'invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope',
  'channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action', 'team_access_not_granted', 'ekm_access_denied',
  'invalid_blocks', 'invalid_arguments', 'invalid_attachments', 'msg_too_long', 'no_text', 'too_many_attachments', 'thread_not_found', 'message_not_found',
]);

/** How to fix each permanent failure, in words for whoever reads the alert. */
export const FIX: Record<string, string> = {
  invalid_auth: 'check SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, of the installed app)',
  not_authed: 'set SLACK_BOT_TOKEN',
  account_inactive: 'the app was uninstalled or its bot deactivated: reinstall it and update SLACK_BOT_TOKEN',
  token_revoked: 'the token was revoked: reinstall the app and update SLACK_BOT_TOKEN',
  token_expired: 'the token expired: reinstall the app and update SLACK_BOT_TOKEN',
  missing_scope: 'add the missing bot scope in the app settings (OAuth & Permissions) and reinstall the app',
  channel_not_found: 'check the channel id; for a private channel, invite @Redress to it (/invite @Redress)',
  not_in_channel: 'invite @Redress to the channel (/invite @Redress)',
  is_archived: 'the channel is archived: unarchive it or set another channel id',
  invalid_blocks: 'a Redress bug (a message over a Slack limit): report it; the case is in the console',
};

/** Slack's error code from a Web API client error (platform, HTTP, network or rate-limit). */
export function slackErrorCode(err: unknown): string {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number };
  if (e?.code === 'slack_webapi_platform_error' && e.data?.error) return e.data.error;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  if (e?.code === 'slack_webapi_http_error') return `slack_http_${e.statusCode ?? 'error'}`;
  if (e?.code === 'slack_webapi_request_error') return 'slack_unreachable';
  return 'slack_unknown_error';
}

export function isPermanent(code: string): boolean {
  return PERMANENT.has(code);
}

export function toDeliveryError(err: unknown, what: string, complaintId?: string): SlackDeliveryError {
  if (err instanceof SlackDeliveryError) return err;
  const code = slackErrorCode(err);
  const fix = FIX[code];
  return new SlackDeliveryError(code, isPermanent(code), `Slack refused ${what}${complaintId ? ` for ${complaintId}` : ''}: ${code}${fix ? ` (${fix})` : ''}`, complaintId);
}
