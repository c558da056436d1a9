/**
 * Which Slack user is which Redress agent: the optional `slackUserId` of each AGENTS entry
 * (`[{"id":"a-ling","name":"Ling","slackUserId":"U0123ABCD",…}]`). The console validates AGENTS as a whole
 * and stores the agents; here we only read the mapping, so entries without a Slack id are simply skipped.
 */
export function slackAgentMap(agentsJson: string): Map<string, string> {
  const map = new Map<string, string>();
  if (!agentsJson.trim()) return map;
  let list: unknown;
  try {
    list = JSON.parse(agentsJson);
  } catch {
    return map; // the console reports the broken JSON as config.invalid at start-up
  }
  if (!Array.isArray(list)) return map;
  for (const e of list as Array<{ id?: unknown; slackUserId?: unknown }>) {
    if (e && typeof e.id === 'string' && typeof e.slackUserId === 'string' && e.slackUserId) map.set(e.slackUserId, e.id);
  }
  return map;
}

/** Slack user ids look like this; anything else in AGENTS is never written into a mention. */
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** Redress agent id → the `<@U…>` mention of their Slack user, to tell an owner their consumer wrote. */
export function ownerMentions(agentsJson: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [slackUserId, agentId] of slackAgentMap(agentsJson)) if (SLACK_USER_ID.test(slackUserId)) out.set(agentId, `<@${slackUserId}>`);
  return out;
}
