import type { ChildProcess } from 'node:child_process';

/** True once the child has exited, by code or by signal (`exitCode` alone stays null after a kill). */
export function hasExited(proc: ChildProcess): boolean {
  return proc.exitCode !== null || proc.signalCode !== null;
}

/**
 * Sends `signal` and resolves when the child is gone. A child that already exited resolves at once:
 * waiting for an 'exit' event that has already fired would hang the caller (a test's afterAll) forever.
 */
export async function killAndWait(proc: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (hasExited(proc)) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill(signal);
  await exited;
}
