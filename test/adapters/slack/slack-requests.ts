/** Requests as Slack sends them to /slack/events, signed the way Slack signs them (v0 HMAC-SHA256). */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function signature(body: string, timestampS: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampS}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; now by default. */
  timestampS?: number;
  /** Sign with this secret instead (a forgery). */
  secret?: string;
  /** Events API delivery id (Slack repeats it on retries). */
  eventId?: string;
}

export async function sendToSlackEndpoint(baseUrl: string, body: string, contentType: string, o: SendOptions = {}): Promise<{ status: number; text: string }> {
  const ts = o.timestampS ?? Math.floor(Date.now() / 1000);
  const res = await fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature(body, ts, o.secret) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** An interactive payload (block_actions, view_submission): form-encoded `payload=<json>`. */
export function interaction(baseUrl: string, payload: object, o?: SendOptions) {
  return sendToSlackEndpoint(baseUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', o);
}

export function eventCallback(baseUrl: string, event: object, o?: SendOptions) {
  const body = JSON.stringify({
    token: 'legacy', team_id: 'T0TEST', api_app_id: 'A0REDRESS', type: 'event_callback', event_id: o?.eventId ?? `Ev${Date.now()}${Math.random().toString(36).slice(2, 6)}`,
    event_time: Math.floor(Date.now() / 1000), authorizations: [{ team_id: 'T0TEST', user_id: 'UBOT', is_bot: true, is_enterprise_install: false }], event,
  });
  return sendToSlackEndpoint(baseUrl, body, 'application/json', o);
}

const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: 'T0TEST' });

export function buttonClick(userId: string, actionId: string, complaintId: string, channel: string, messageTs: string) {
  return {
    type: 'block_actions', team: { id: 'T0TEST', domain: 'redress-test' }, user: user(userId), api_app_id: 'A0REDRESS', token: 'legacy',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.1234.abcdef`, channel: { id: channel, name: 'complaints' },
    message: { type: 'message', ts: messageTs, text: complaintId, user: 'UBOT', bot_id: 'BBOT' },
    response_url: 'http://127.0.0.1:9/unused', state: { values: {} },
    actions: [{ type: 'button', action_id: actionId, block_id: 'redress_actions', value: complaintId, text: { type: 'plain_text', text: actionId }, action_ts: String(Date.now() / 1000) }],
  };
}

export function viewSubmission(userId: string, callbackId: string, complaintId: string, values: object) {
  return {
    type: 'view_submission', team: { id: 'T0TEST', domain: 'redress-test' }, user: user(userId), api_app_id: 'A0REDRESS', token: 'legacy',
    trigger_id: `${Date.now()}.1234.abcdef`, response_urls: [],
    view: {
      id: 'V0TEST', team_id: 'T0TEST', type: 'modal', callback_id: callbackId, private_metadata: complaintId, hash: 'h1', app_id: 'A0REDRESS', bot_id: 'BBOT',
      title: { type: 'plain_text', text: 'x' }, blocks: [], state: { values },
    },
  };
}

/** A slash command as Slack sends it: form-encoded fields, signed like everything else. */
export function slashCommand(baseUrl: string, userId: string, text: string, o: SendOptions & { command?: string; channel?: string } = {}) {
  const body = new URLSearchParams({
    token: 'legacy', team_id: 'T0TEST', team_domain: 'redress-test', channel_id: o.channel ?? 'CQUEUE01', channel_name: 'complaints',
    user_id: userId, user_name: userId.toLowerCase(), command: o.command ?? '/redress', text, api_app_id: 'A0REDRESS',
    is_enterprise_install: 'false', response_url: 'http://127.0.0.1:9/unused', trigger_id: `${Date.now()}.1234.abcdef`,
  }).toString();
  return sendToSlackEndpoint(baseUrl, body, 'application/x-www-form-urlencoded', o);
}
