/**
 * What Slack refuses, for the fake Web API: the Block Kit and modal limits from Slack's reference
 * (https://docs.slack.dev/reference/block-kit/…), written out here on their own rather than imported from
 * the adapter, so a wrong limit in the adapter cannot hide itself. Each check returns the problems found;
 * any problem makes the whole call fail the way Slack fails it (`invalid_blocks`, `invalid_arguments`).
 */
type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const len = (x: unknown) => (typeof x === 'string' ? x.length : 0);

function textObject(t: unknown, where: string, max: number, plainOnly = false): string[] {
  if (!isObj(t)) return [`${where}: missing text object`];
  if (t.type !== 'plain_text' && t.type !== 'mrkdwn') return [`${where}: text type must be plain_text or mrkdwn`];
  if (plainOnly && t.type !== 'plain_text') return [`${where}: must be plain_text`];
  if (typeof t.text !== 'string' || t.text.length < 1) return [`${where}: text must be at least 1 character`];
  if (t.text.length > max) return [`${where}: text is ${t.text.length} characters, more than ${max}`];
  return [];
}

function id(x: unknown, where: string, required = false): string[] {
  if (x === undefined) return required ? [`${where}: required`] : [];
  return typeof x === 'string' && x.length >= 1 && x.length <= 255 ? [] : [`${where}: must be 1–255 characters`];
}

function element(e: unknown, where: string): string[] {
  if (!isObj(e)) return [`${where}: not an object`];
  const out = id(e.action_id, `${where}.action_id`);
  switch (e.type) {
    case 'button':
      out.push(...textObject(e.text, `${where}.text`, 75, true));
      if (e.value !== undefined && (typeof e.value !== 'string' || len(e.value) > 2000)) out.push(`${where}.value: more than 2000 characters`);
      if (e.url !== undefined && len(e.url) > 3000) out.push(`${where}.url: more than 3000 characters`);
      return out;
    case 'plain_text_input':
      if (e.max_length !== undefined && (typeof e.max_length !== 'number' || e.max_length < 1 || e.max_length > 3000)) out.push(`${where}.max_length: must be 1–3000`);
      if (e.min_length !== undefined && (typeof e.min_length !== 'number' || e.min_length < 0 || e.min_length > 3000)) out.push(`${where}.min_length: must be 0–3000`);
      if (len(e.initial_value) > 3000) out.push(`${where}.initial_value: more than 3000 characters`);
      if (typeof e.max_length === 'number' && len(e.initial_value) > e.max_length) out.push(`${where}.initial_value: longer than max_length ${e.max_length}`);
      if (e.placeholder !== undefined) out.push(...textObject(e.placeholder, `${where}.placeholder`, 150, true));
      return out;
    case 'static_select': {
      // Either options (1–100) or option_groups (1–100 groups, each a label of ≤ 75 and 1–100 options), not both.
      const hasGroups = e.option_groups !== undefined;
      if (hasGroups && e.options !== undefined) out.push(`${where}: options and option_groups both given`);
      const groups = hasGroups ? (Array.isArray(e.option_groups) ? e.option_groups : []) : [{ label: { type: 'plain_text', text: '-' }, options: e.options }];
      if (hasGroups && (!groups.length || groups.length > 100)) out.push(`${where}.option_groups: 1–100 required`);
      const values: string[] = [];
      groups.forEach((g, gi) => {
        const at = hasGroups ? `${where}.option_groups[${gi}]` : where;
        if (!isObj(g)) return void out.push(`${at}: not an object`);
        if (hasGroups) out.push(...textObject(g.label, `${at}.label`, 75, true));
        const options = Array.isArray(g.options) ? g.options : [];
        if (!options.length || options.length > 100) out.push(`${at}.options: 1–100 required`);
        options.forEach((o, i) => {
          if (!isObj(o)) return void out.push(`${at}.options[${i}]: not an object`);
          out.push(...textObject(o.text, `${at}.options[${i}].text`, 75, true));
          if (typeof o.value !== 'string' || o.value.length < 1 || o.value.length > 150) out.push(`${at}.options[${i}].value: 1–150 characters`);
          else values.push(o.value);
        });
      });
      if (e.placeholder !== undefined) out.push(...textObject(e.placeholder, `${where}.placeholder`, 150, true));
      if (e.initial_option !== undefined) {
        const io = e.initial_option;
        if (!isObj(io) || typeof io.value !== 'string' || !values.includes(io.value)) out.push(`${where}.initial_option: must be one of the options`);
      }
      return out;
    }
    case 'number_input':
      if (typeof e.is_decimal_allowed !== 'boolean') out.push(`${where}.is_decimal_allowed: required`);
      return out;
    default:
      return [`${where}: unknown element type ${String(e.type)}`];
  }
}

function block(b: unknown, where: string, surface: 'message' | 'modal'): string[] {
  if (!isObj(b)) return [`${where}: not an object`];
  const out = id(b.block_id, `${where}.block_id`);
  switch (b.type) {
    case 'header':
      return [...out, ...textObject(b.text, `${where}.text`, 150, true)];
    case 'section': {
      if (b.text === undefined && b.fields === undefined) return [...out, `${where}: needs text or fields`];
      if (b.text !== undefined) out.push(...textObject(b.text, `${where}.text`, 3000));
      const fields = b.fields === undefined ? [] : Array.isArray(b.fields) ? b.fields : [null];
      if (fields.length > 10) out.push(`${where}.fields: more than 10`);
      fields.forEach((f, i) => out.push(...textObject(f, `${where}.fields[${i}]`, 2000)));
      return out;
    }
    case 'context': {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (!elements.length || elements.length > 10) out.push(`${where}.elements: 1–10 required`);
      elements.forEach((e, i) => out.push(...textObject(e, `${where}.elements[${i}]`, 3000)));
      return out;
    }
    case 'actions': {
      const elements = Array.isArray(b.elements) ? b.elements : [];
      if (!elements.length || elements.length > 25) out.push(`${where}.elements: 1–25 required`);
      elements.forEach((e, i) => out.push(...element(e, `${where}.elements[${i}]`)));
      return out;
    }
    case 'divider':
      return out;
    case 'input':
      if (surface !== 'modal') return [...out, `${where}: input blocks only in modals`];
      return [...out, ...textObject(b.label, `${where}.label`, 2000, true), ...element(b.element, `${where}.element`)];
    default:
      return [...out, `${where}: unknown block type ${String(b.type)}`];
  }
}

export function blocksProblems(blocks: unknown, surface: 'message' | 'modal'): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks: must be an array'];
  const max = surface === 'message' ? 50 : 100;
  const out = blocks.length > max ? [`blocks: ${blocks.length} blocks, more than ${max}`] : [];
  const ids = new Set<string>();
  blocks.forEach((b, i) => {
    out.push(...block(b, `blocks[${i}]`, surface));
    const bid = isObj(b) && typeof b.block_id === 'string' ? b.block_id : undefined;
    if (bid && ids.has(bid)) out.push(`blocks[${i}].block_id: ${bid} is used twice`);
    if (bid) ids.add(bid);
  });
  return out;
}

export function viewProblems(v: unknown): string[] {
  if (!isObj(v)) return ['view: required'];
  const out: string[] = [];
  if (v.type !== 'modal') out.push('view.type: must be modal');
  out.push(...textObject(v.title, 'view.title', 24, true));
  if (v.submit !== undefined) out.push(...textObject(v.submit, 'view.submit', 24, true));
  if (v.close !== undefined) out.push(...textObject(v.close, 'view.close', 24, true));
  if (len(v.private_metadata) > 3000) out.push('view.private_metadata: more than 3000 characters');
  if (len(v.callback_id) > 255) out.push('view.callback_id: more than 255 characters');
  out.push(...blocksProblems(v.blocks, 'modal'));
  if (!Array.isArray(v.blocks)) out.push('view.blocks: required');
  const hasInput = Array.isArray(v.blocks) && v.blocks.some((b) => isObj(b) && b.type === 'input');
  if (hasInput && v.submit === undefined) out.push('view.submit: required when the modal has input blocks');
  return out;
}

/** Arguments a method cannot do without; Slack answers a missing one with its own error code. */
export const REQUIRED: Record<string, Array<[string, string]>> = {
  'chat.postMessage': [['channel', 'channel_not_found']],
  'chat.update': [['channel', 'channel_not_found'], ['ts', 'message_not_found']],
  'chat.postEphemeral': [['channel', 'channel_not_found'], ['user', 'user_not_found']],
  'views.open': [['trigger_id', 'invalid_arguments'], ['view', 'invalid_arguments']],
  'views.update': [['view', 'invalid_arguments']],
  'conversations.info': [['channel', 'channel_not_found']],
  'views.publish': [['user_id', 'invalid_arguments'], ['view', 'invalid_arguments']],
};

/** An App Home view (views.publish): type `home`, at most 100 blocks (the same block rules as a modal's). */
export function homeViewProblems(v: unknown): string[] {
  if (!isObj(v)) return ['view: required'];
  const out: string[] = [];
  if (v.type !== 'home') out.push('view.type: must be home');
  if (!Array.isArray(v.blocks)) out.push('view.blocks: required');
  if (len(v.private_metadata) > 3000) out.push('view.private_metadata: more than 3000 characters');
  if (len(v.callback_id) > 255) out.push('view.callback_id: more than 255 characters');
  if (len(v.external_id) > 255) out.push('view.external_id: more than 255 characters');
  out.push(...blocksProblems(v.blocks, 'modal'));
  return out;
}

/** A message's text and blocks together: `no_text`, `msg_too_long` or `invalid_blocks`, else null. */
export function messageProblem(a: Obj): { error: string; errors?: string[] } | null {
  const hasText = typeof a.text === 'string' && a.text.length > 0;
  if (!hasText && a.blocks === undefined && a.attachments === undefined) return { error: 'no_text' };
  if (len(a.text) > 40_000) return { error: 'msg_too_long' };
  const errors = blocksProblems(a.blocks, 'message');
  return errors.length ? { error: 'invalid_blocks', errors } : null;
}

/**
 * A slash command's immediate response (the HTTP body of the ack): `response_type` is `ephemeral` or
 * `in_channel`, and the message obeys the same text and Block Kit rules as chat.postMessage.
 */
export function commandResponseProblems(body: unknown): string[] {
  if (!isObj(body)) return ['response: must be a JSON object'];
  const out: string[] = [];
  if (body.response_type !== undefined && body.response_type !== 'ephemeral' && body.response_type !== 'in_channel') out.push('response_type: must be ephemeral or in_channel');
  const problem = messageProblem(body);
  if (problem) out.push(problem.error, ...(problem.errors ?? []));
  return out;
}
