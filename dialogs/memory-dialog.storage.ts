import { MemoryStorage, type Storage } from 'botbuilder';

/**
 * botbuilder's in-process Storage, for benchmarks and single-process experiments (it JSON round-trips every
 * value, like a network store). Not for production: state is lost on restart and not shared across processes.
 * Lives in dialogs/ so code outside it never imports botbuilder.
 *
 * @example
 * new ComplaintBot({ ...options, storage: createMemoryDialogStorage() });
 */
export function createMemoryDialogStorage(): Storage {
  return new MemoryStorage();
}
