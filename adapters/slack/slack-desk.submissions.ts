/**
 * Submissions of the Transfer, Reopen, Resolve-anyway and Ask-the-merchant modals: each calls AgentOperations
 * as the agent the Slack user maps to, and a refusal is shown in the modal beside the field it is about.
 */
import type { App } from '@slack/bolt';
import { RedressError } from '../../src/errors.js';
import { readReason, readTransferTarget } from './slack-desk.views.js';
import { readMerchantAsk } from './slack-merchant.views.js';
import { describeError, NOT_AGENT, type InteractionDeps } from './slack-interactions.js';
import { VIEWS, type ViewValues } from './slack.mapper.js';

export function registerDeskViews(app: App, d: InteractionDeps): void {
  /** `fields`: the modal's input blocks; a refusal naming one of them (`details.field`) is shown there, else at the first. */
  const submit = (callbackId: string, fields: string | string[], run: (agentId: string, complaintId: string, values: ViewValues) => Promise<unknown>) => {
    const [first = '', ...others] = typeof fields === 'string' ? [fields] : fields;
    const fieldOf = (err: unknown) => {
      const named = err instanceof RedressError ? String(err.details.field ?? '') : '';
      return others.includes(named) ? named : first;
    };
    app.view(callbackId, async ({ ack, body, view }) => {
      const agentId = d.agentFor(body.user.id);
      if (!agentId) return void (await ack({ response_action: 'errors', errors: { [first]: NOT_AGENT } }));
      try {
        await run(agentId, view.private_metadata, view.state.values as ViewValues);
        await ack();
      } catch (err) {
        await ack({ response_action: 'errors', errors: { [fieldOf(err)]: await describeError(err, d, view.private_metadata) } });
      }
    });
  };
  submit(VIEWS.transfer, 'to', (agentId, id, values) => d.agentOps.transfer(agentId, id, readTransferTarget(values)));
  submit(VIEWS.reopen, 'reason', (agentId, id, values) => d.agentOps.reopen(agentId, id, readReason(values)));
  submit(VIEWS.askMerchant, ['question', 'hours'], (agentId, id, values) => d.agentOps.askMerchant(agentId, id, readMerchantAsk(values)));
  submit(VIEWS.resolveOverride, 'reason', (agentId, id, values) => {
    const reason = readReason(values).trim();
    if (!reason) throw new RedressError('input.invalid', 'Say why it is resolved before the consumer answers.', { field: 'reason' });
    return d.agentOps.resolve(agentId, id, '', reason);
  });
}
