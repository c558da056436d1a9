/**
 * localStorage, namespaced per Redress server, and never fatal: Safari private mode and storage-blocking
 * settings throw, and the chat must still work (it just forgets on reload).
 */
export class Persisted {
  constructor(private readonly ns: string) {}

  get<T>(key: string, fallback: T): T {
    try {
      const raw = window.localStorage.getItem(`${this.ns}:${key}`);
      return raw === null ? fallback : (JSON.parse(raw) as T);
    } catch {
      return fallback;
    }
  }

  set(key: string, value: unknown): void {
    try {
      window.localStorage.setItem(`${this.ns}:${key}`, JSON.stringify(value));
    } catch {
      /* storage unavailable or full: keep going in memory */
    }
  }
}
