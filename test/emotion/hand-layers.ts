// The hand layers alone (lexicons, rules, the GoEmotions blend), without the complaint-domain model: what the rule
// and lexicon tests pin down. The complaint layer learned from the same kind of sentences and would often flag
// them without the rule under test; it is tested in complaint-model.test.ts and measured by npm run eval:emotion.
import { NO_COMPLAINT_BLEND } from '../../src/emotion/complaint-lexicon.js';

export const HAND_ONLY = { complaintBlend: NO_COMPLAINT_BLEND } as const;
