/**
 * Submissions of the Transfer, Reopen and Resolve-anyway modals: each calls AgentOperations as the agent the
 * Slack user maps to, and a refusal is shown in the modal beside the field it is about.
 */
import type { App } from '@slack/bolt';
import { RedressError } from '../../src/errors.js';
import { readReason, readTransferTarget } from './slack-desk.views.js';
import { describeError, NOT_AGENT, type InteractionDeps } from './slack-interactions.js';
import { VIEWS, type ViewValues } from './slack.mapper.js';

export function registerDeskViews(app: App, d: InteractionDeps): void {
  const submit = (callbackId: string, field: string, run: (agentId: string, complaintId: string, values: ViewValues) => Promise<unknown>) => {
    app.view(callbackId, async ({ ack, body, view }) => {
      const agentId = d.agentFor(body.user.id);
      if (!agentId) return void (await ack({ response_action: 'errors', errors: { [field]: NOT_AGENT } }));
      try {
        await run(agentId, view.private_metadata, view.state.values as ViewValues);
        await ack();
      } catch (err) {
        await ack({ response_action: 'errors', errors: { [field]: await describeError(err, d, view.private_metadata) } });
      }
    });
  };
  submit(VIEWS.transfer, 'to', (agentId, id, values) => d.agentOps.transfer(agentId, id, readTransferTarget(values)));
  submit(VIEWS.reopen, 'reason', (agentId, id, values) => d.agentOps.reopen(agentId, id, readReason(values)));
  submit(VIEWS.resolveOverride, 'reason', (agentId, id, values) => {
    const reason = readReason(values).trim();
    if (!reason) throw new RedressError('input.invalid', 'Say why it is resolved before the consumer answers.', { field: 'reason' });
    return d.agentOps.resolve(agentId, id, '', reason);
  });
}
