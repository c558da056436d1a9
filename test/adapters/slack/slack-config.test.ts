import { describe, expect, it } from 'vitest';
import { slackAgentMap } from '../../../adapters/slack/slack-agents.js';
import { loadConfig, slackConfig } from '../../../src/config/config.js';
import { isRedressError } from '../../../src/errors.js';

const full = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'secret', SLACK_QUEUE_CHANNEL: 'C0123ABC' };

describe('Slack config section', () => {
  it('is off when no key is set', () => {
    expect(slackConfig(loadConfig({}))).toBeNull();
  });

  it('is on when complete; alerts go to the queue channel unless a supervisor channel is set', () => {
    expect(slackConfig(loadConfig(full))).toEqual({
      botToken: 'xoxb-1-2-abc', signingSecret: 'secret', queueChannel: 'C0123ABC', supervisorChannel: 'C0123ABC', apiUrl: 'https://slack.com/api/', command: '/redress',
    });
    const s = slackConfig(loadConfig({ ...full, SLACK_SUPERVISOR_CHANNEL: 'G0SUP', SLACK_API_URL: 'http://127.0.0.1:9/api' }));
    expect(s).toMatchObject({ supervisorChannel: 'G0SUP', apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('a partial section is a config error naming every missing key', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' });
      expect.unreachable();
    } catch (err) {
      expect(isRedressError(err, 'config.invalid')).toBe(true);
      expect((err as Error).message).toContain('SLACK_SIGNING_SECRET');
      expect((err as Error).message).toContain('SLACK_QUEUE_CHANNEL');
    }
  });

  it('takes another slash command, and refuses one Slack would not accept', () => {
    expect(slackConfig(loadConfig({ ...full, SLACK_COMMAND: '/desk' }))?.command).toBe('/desk');
    expect(() => loadConfig({ ...full, SLACK_COMMAND: 'redress' })).toThrow(/SLACK_COMMAND/);
    expect(() => loadConfig({ ...full, SLACK_COMMAND: '/Redress Desk' })).toThrow(/SLACK_COMMAND/);
    expect(() => loadConfig({ ...full, SLACK_COMMAND: `/${'x'.repeat(32)}` })).toThrow(/SLACK_COMMAND/);
  });

  it('rejects a user token and a channel name', () => {
    expect(() => loadConfig({ ...full, SLACK_BOT_TOKEN: 'xoxp-user', SLACK_QUEUE_CHANNEL: '#complaints' })).toThrow(/SLACK_BOT_TOKEN[\s\S]*SLACK_QUEUE_CHANNEL|SLACK_QUEUE_CHANNEL[\s\S]*SLACK_BOT_TOKEN/);
  });
});

describe('slackAgentMap', () => {
  it('maps Slack user ids from AGENTS, skipping agents without one', () => {
    const map = slackAgentMap(JSON.stringify([{ id: 'a-ling', name: 'Ling', slackUserId: 'U1' }, { id: 'a-omar', name: 'Omar' }]));
    expect([...map]).toEqual([['U1', 'a-ling']]);
    expect(slackAgentMap('').size).toBe(0);
    expect(slackAgentMap('not json').size).toBe(0);
  });
});
