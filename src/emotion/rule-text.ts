/**
 * The message as the hard-case rules read it. Lower-cased on first read rather than up front: since the anchor
 * skips (rule-anchors.ts), most messages whose rules are triggered run no regex at all, and then need no copy.
 */
import type { RuleInput } from './rule.types.js';

export class RuleText implements RuleInput {
  #lower: string | undefined;
  constructor(readonly text: string, readonly zh: boolean, readonly words: number) {}

  get lower(): string {
    return (this.#lower ??= this.text.toLowerCase());
  }
}
