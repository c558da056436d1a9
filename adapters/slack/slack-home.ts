/**
 * App Home: when an agent opens the Redress app's Home tab (`app_home_opened`), it is published afresh with
 * their open cases and the queue's counts. Both come from the queue index (src/agents/case-queue-index.ts), so
 * they are exact with any number of open cases: the agent's first page of cases, and one count per tier and
 * per tier unassigned (16 small scripts each, no case JSON read). A failed views.publish is logged with its code
 * and, when a person must fix it, reported like every other Slack failure.
 */
import type { App } from '@slack/bolt';
import type { CaseQueueIndex } from '../../src/agents/case-queue-index.js';
import type { RedisAgentStore } from '../../src/agents/redis-agent.store.js';
import type { SlackProblems } from './slack-problems.js';
import { toDeliveryError } from './slack.errors.js';
import { HOME_CASES, HOME_TIERS, homeView, type HomeData } from './slack-home.view.js';

export interface HomeDeps {
  queueIndex: Pick<CaseQueueIndex, 'page'>;
  agents: RedisAgentStore;
  agentFor: (slackUserId: string) => string | undefined;
  problems: SlackProblems;
  publicUrl?: string;
}

export function registerHome(app: App, d: HomeDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const agentId = d.agentFor(event.user);
    const agent = agentId ? await d.agents.get(agentId) : null;
    const view = homeView(agent ? await homeData(d.queueIndex, agent, d.publicUrl) : { agentName: null, mine: [], mineTotal: 0, tiers: [] });
    try {
      await client.views.publish({ user_id: event.user, view });
    } catch (err) {
      await d.problems.failed(toDeliveryError(err, 'the App Home tab'));
    }
  });
}

async function homeData(index: HomeDeps['queueIndex'], agent: { id: string; name: string }, publicUrl?: string): Promise<HomeData> {
  const count = async (filters: Record<string, string>) => (await index.page({ filters, limit: 1 })).total;
  const [mine, tiers] = await Promise.all([
    index.page({ filters: { owner: agent.id }, limit: HOME_CASES }),
    Promise.all(HOME_TIERS.map(async (tier) => ({ tier, open: await count({ tier }), waiting: await count({ tier, owner: 'none' }) }))),
  ]);
  return { agentName: agent.name, mine: mine.rows, mineTotal: mine.total, tiers, publicUrl };
}
