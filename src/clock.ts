/**
 * The time, as every part of Redress reads it: injected from the composition root, so tests can run deadlines,
 * retention and reports on a clock of their own. Epoch milliseconds.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * Milliseconds on a clock that never jumps (performance.now): for how long something has waited or may still wait
 * inside this process (timeouts, retry budgets). The wall clock can step back or forward (NTP, a VM resumed),
 * which would stretch or cut a timeout; what is stored or compared across processes uses a `Clock` instead.
 */
export const elapsedClock: Clock = () => performance.now();
