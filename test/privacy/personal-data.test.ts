import { expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/complaints/complaint.types.js';
import { newPseudonym, scrubEvent } from '../../src/privacy/personal-data.js';

const P = 'erased-0123456789abcdef';

it('keeps the process facts of a timeline entry and drops every word and file of the consumer', () => {
  const message: TimelineEvent = {
    at: 1, type: 'consumer_message', actor: { kind: 'consumer', id: 'telegram:42' }, channel: 'telegram',
    data: { text: 'I am Ada Lovelace', attachments: [{ kind: 'image', name: 'ada.jpg' }], count: 2, urgent: true },
  };
  expect(scrubEvent(message, 'telegram:42', P)).toEqual({ at: 1, type: 'consumer_message', actor: { kind: 'consumer', id: P }, channel: 'telegram', data: { count: 2, urgent: true } });
  const moved: TimelineEvent = { at: 2, type: 'status_changed', actor: { kind: 'agent', id: 'a-ling' }, data: { from: 'queued', to: 'claimed', note: 'called Ada at home' } };
  expect(scrubEvent(moved, 'telegram:42', P)).toEqual({ at: 2, type: 'status_changed', actor: { kind: 'agent', id: 'a-ling' }, data: { from: 'queued', to: 'claimed' } });
  // A field added later is dropped, not kept: the allow-list decides.
  const future: TimelineEvent = { at: 3, type: 'internal_note', actor: { kind: 'agent', id: 'a-ling' }, data: { newField: 'Ada, 12 Baker St' } };
  expect(scrubEvent(future, 'telegram:42', P)).toEqual({ at: 3, type: 'internal_note', actor: { kind: 'agent', id: 'a-ling' } });
});

it('pseudonyms are random, not derived from the id', () => {
  const a = newPseudonym();
  expect(a).toMatch(/^erased-[0-9a-f]{16}$/);
  expect(newPseudonym()).not.toBe(a);
});
