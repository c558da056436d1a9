/**
 * The tokenizer's cache of built tokens by surface form, looked up by a span of the message (text, start, end)
 * rather than by a string: a hit, which is almost every token, costs a hash over the span and one compare,
 * without slicing a new string that a Map would then hash again.
 *
 * Laid out for the memory cache, which is what a lookup waits on once the machine is busy: open addressing
 * with linear probing over one Int32Array of [hash (0 = empty), offset, length, value index] per slot, the
 * keys' characters packed in one Uint16Array in insertion order, the values in a dense array. A hit touches
 * three compact arrays instead of a hash table, a key string and its characters. Like the Map it replaces, it
 * is emptied when full, so junk text never grows it past `capacity` entries.
 */
const WIDTH = 4;

export class TokenCache<T> {
  private table = new Int32Array(0);
  private mask = 0;
  private chars = new Uint16Array(0);
  private used = 0;
  private values: T[] = [];

  constructor(readonly capacity = 50_000) {
    this.clear();
  }

  get size(): number {
    return this.values.length;
  }

  /** FNV-1a over the UTF-16 code units of text[start, end), never 0 (0 marks an empty slot). */
  static hash(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h | 0 || 1;
  }

  /** The value stored for text[start, end), given its `hash`. */
  get(text: string, start: number, end: number, hash: number): T | undefined {
    const table = this.table;
    const mask = this.mask;
    const length = end - start;
    for (let h = hash & mask; ; h = (h + 1) & mask) {
      const at = h * WIDTH;
      const x = table[at]!;
      if (x === 0) return undefined;
      if (x === hash && table[at + 2] === length && this.same(table[at + 1]!, text, start, length)) return this.values[table[at + 3]!];
    }
  }

  /** Stores `value` under `key` (whose hash is `hash`); `key` must not be present. */
  set(key: string, hash: number, value: T): void {
    if (this.values.length >= this.capacity) this.clear();
    else if (this.values.length * 2 >= this.table.length / WIDTH) this.grow();
    if (this.used + key.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(2 * this.chars.length, this.used + key.length));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let i = 0; i < key.length; i++) this.chars[this.used + i] = key.charCodeAt(i);
    this.place(hash, this.used, key.length, this.values.length);
    this.used += key.length;
    this.values.push(value);
  }

  clear(): void {
    this.table = new Int32Array(1024 * WIDTH);
    this.mask = 1023;
    this.chars = new Uint16Array(4096);
    this.used = 0;
    this.values = [];
  }

  private same(offset: number, text: string, start: number, length: number): boolean {
    const chars = this.chars;
    for (let i = 0; i < length; i++) if (chars[offset + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private place(hash: number, offset: number, length: number, index: number): void {
    let h = hash & this.mask;
    while (this.table[h * WIDTH] !== 0) h = (h + 1) & this.mask;
    const at = h * WIDTH;
    this.table[at] = hash;
    this.table[at + 1] = offset;
    this.table[at + 2] = length;
    this.table[at + 3] = index;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = old.length * 2 / WIDTH - 1;
    for (let at = 0; at < old.length; at += WIDTH) if (old[at] !== 0) this.place(old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
  }
}
