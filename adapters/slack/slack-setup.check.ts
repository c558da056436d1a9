/**
 * The start-up check: is the token good (`auth.test`), and can the bot post in the queue and supervisor
 * channels (`conversations.info`: the channel exists for the bot, is not archived, and `is_member` is true;
 * Slack answers `channel_not_found` for a private channel the bot is not in). Each problem is logged and
 * reported with how to fix it; the check never throws, so Redress still starts (the console keeps working)
 * and the problems show where supervisors look.
 *
 * @example
 * const report = await checkSlackSetup({ slack, logger, reportProblem });
 * if (!report.ok) logger.warn('Slack is not ready: see the problems above');
 */
import { webApi } from '@slack/bolt';
import type { SlackConfig } from '../../src/config/config.js';
import type { Logger } from '../../src/logging/logger.js';
import type { ReportProblem, SlackProblem } from './slack-problems.js';
import { FIX, slackErrorCode } from './slack.errors.js';

export interface SlackSetupReport {
  /** True when the token works and the bot can post in every configured channel. */
  ok: boolean;
  /** The bot's user name from auth.test, when the token works. */
  botUser?: string;
  problems: SlackProblem[];
}

export interface SlackSetupDeps {
  slack: SlackConfig;
  logger: Logger;
  reportProblem?: ReportProblem;
  /** A client to check with; by default one for `slack.botToken` at `slack.apiUrl`. */
  client?: webApi.WebClient;
}

export async function checkSlackSetup(d: SlackSetupDeps): Promise<SlackSetupReport> {
  const client = d.client ?? new webApi.WebClient(d.slack.botToken, { slackApiUrl: d.slack.apiUrl, retryConfig: { retries: 1 }, timeout: 10_000 });
  const problems: SlackProblem[] = [];
  let botUser: string | undefined;
  try {
    botUser = (await client.auth.test()).user ?? undefined;
  } catch (err) {
    const code = slackErrorCode(err);
    problems.push({ code, text: `Slack did not accept SLACK_BOT_TOKEN (${code}): ${FIX[code] ?? 'check SLACK_BOT_TOKEN and that Slack is reachable at SLACK_API_URL'}.` });
  }
  if (!problems.length) {
    const bot = `@${botUser ?? 'Redress'}`;
    const channels = new Map([[d.slack.queueChannel, 'SLACK_QUEUE_CHANNEL']]);
    if (d.slack.supervisorChannel !== d.slack.queueChannel) channels.set(d.slack.supervisorChannel, 'SLACK_SUPERVISOR_CHANNEL');
    for (const [id, name] of channels) {
      const p = await channelProblem(client, id, name, bot);
      if (p) problems.push(p);
    }
  }
  const logger = d.logger.child({ adapter: 'slack' });
  for (const p of problems) {
    logger.error({ code: p.code }, `slack start-up check: ${p.text}`);
    await d.reportProblem?.(p).catch((err: unknown) => logger.error({ err: (err as Error).message, code: p.code }, 'slack: reporting a problem failed'));
  }
  if (!problems.length) logger.info({ botUser }, 'slack start-up check: token and channels OK');
  return { ok: problems.length === 0, botUser, problems };
}

async function channelProblem(client: webApi.WebClient, id: string, name: string, bot: string): Promise<SlackProblem | null> {
  try {
    const { channel } = await client.conversations.info({ channel: id });
    const label = channel?.name ? `#${channel.name} (${id})` : id;
    if (channel?.is_archived) return { code: 'is_archived', text: `${name} ${label} is archived: unarchive it or set another channel id.` };
    if (channel?.is_member === false) return { code: 'not_in_channel', text: `${bot} is not in ${name} ${label}, so it cannot post there: invite ${bot} to it (/invite ${bot} in the channel).` };
    return null;
  } catch (err) {
    const code = slackErrorCode(err);
    if (code === 'channel_not_found') {
      return { code, text: `${name} ${id}: no channel with this id that ${bot} can see. Check the id (channel details → About, C…); for a private channel, invite ${bot} to it first (/invite ${bot}).` };
    }
    if (code === 'missing_scope') {
      return { code, text: `Cannot check ${name} ${id}: the app lacks the channels:read and groups:read scopes. Add them under OAuth & Permissions and reinstall the app (posting may work, but Redress cannot confirm it).` };
    }
    return { code, text: `Cannot check ${name} ${id} (${code}): ${FIX[code] ?? 'check that Slack is reachable at SLACK_API_URL'}.` };
  }
}
