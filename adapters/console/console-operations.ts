/**
 * The agent operations the console exposes, each with the body it accepts. One table, so the API route
 * stays a thin transport: validate, call AgentOperations, return the new case.
 */
import { z } from 'zod';
import type { AgentOperations } from '../../src/agents/agent-operations.js';
import type { Complaint } from '../../src/complaints/complaint.types.js';
import { RESOLUTIONS } from '../../src/triage/triage.types.js';

const text = z.string().trim().min(1, 'write something first').max(4000);
const none = z.object({}).passthrough();

interface Operation<S extends z.ZodType> {
  body: S;
  run(ops: AgentOperations, agentId: string, id: string, body: z.infer<S>): Promise<Complaint>;
}

function op<S extends z.ZodType>(body: S, run: Operation<S>['run']): Operation<S> {
  return { body, run };
}

export const OPERATIONS = {
  claim: op(none, (o, a, id) => o.claim(a, id)),
  release: op(none, (o, a, id) => o.release(a, id)),
  reply: op(z.object({ text }), (o, a, id, b) => o.reply(a, id, b.text)),
  note: op(z.object({ text }), (o, a, id, b) => o.note(a, id, b.text)),
  investigate: op(z.object({ note: z.string().max(1000).default('') }), (o, a, id, b) => o.investigate(a, id, b.note)),
  // The amount is passed on as sent: AgentOperations parses it strictly (no coercion of true, [50], "0x10").
  propose: op(
    z.object({ text, resolution: z.enum(RESOLUTIONS), amount: z.unknown().optional() }),
    (o, a, id, b) => o.propose(a, id, b),
  ),
  resolve: op(
    z.object({ summary: z.string().max(2000).default(''), override: z.string().trim().max(500).default('') }),
    (o, a, id, b) => o.resolve(a, id, b.summary, b.override),
  ),
  escalate: op(z.object({ reason: z.string().trim().min(1, 'say why').max(500) }), (o, a, id, b) => o.escalate(a, id, b.reason)),
  transfer: op(z.object({ toAgentId: z.string().min(1).max(64) }), (o, a, id, b) => o.transfer(a, id, b.toAgentId)),
  // Hours are passed on as sent: AgentOperations bounds them (MERCHANT_MAX_DEADLINE_HOURS).
  askMerchant: op(z.object({ question: z.string().max(4000), hours: z.union([z.string().max(20), z.number()]) }), (o, a, id, b) => o.askMerchant(a, id, b)),
  shareMerchantAnswer: op(z.object({ requestId: z.string().min(1).max(80) }), (o, a, id, b) => o.shareMerchantAnswer(a, id, b.requestId)),
} as const;

export type OperationName = keyof typeof OPERATIONS;

export function isOperation(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

/** Validates the body for `name` and runs it as `agentId`. */
export function runOperation(ops: AgentOperations, name: OperationName, agentId: string, id: string, body: unknown): Promise<Complaint> {
  const operation = OPERATIONS[name] as Operation<z.ZodType>;
  return operation.run(ops, agentId, id, operation.body.parse(body ?? {}));
}
