// The tokenizer's span-keyed cache (src/emotion/token-cache.ts) must answer like a Map of its keys, short and long,
// across growth and the clear when full.
import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../src/emotion/token-cache.js';

describe('token cache', () => {
  it('finds every stored key and only those, short and long, through growth and clearing', () => {
    const cache = new TokenCache<string>(3000);
    const stored = new Set<string>();
    let seed = 1;
    const rnd = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const alphabet = 'abcdeé气😡ABZ\uffff\u8000';
    const wrong: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      let key = '';
      for (let n = 1 + rnd(14); n > 0; n--) key += alphabet[rnd(i % 2 ? 4 : alphabet.length)];
      const text = `x ${key}.`;
      const hash = TokenCache.hash(text, 2, 2 + key.length);
      const got = cache.get(text, 2, 2 + key.length, hash);
      if (got === undefined) {
        if (stored.has(key)) wrong.push(`missed ${key}`);
        if (cache.size >= cache.capacity) stored.clear();
        cache.set(key, hash, key);
        stored.add(key);
      } else if (got !== key) wrong.push(`${key} gave ${got}`);
    }
    expect(wrong).toEqual([]);
  });
});
