import { AsyncLocalStorage } from "node:async_hooks";

// What belongs to the API request being served: its id (on every log line) and work to run
// once it has succeeded, i.e. after its transaction committed (e.g. enqueue webhook deliveries).
type RequestContext = { requestId: string; afterSuccess: Array<() => Promise<unknown>> };

const storage = new AsyncLocalStorage<RequestContext>();

export function withRequestContext<T>(requestId: string, fn: () => Promise<T>): Promise<T> {
  return storage.run({ requestId, afterSuccess: [] }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `task` after the current request succeeds; false when there is no request (caller decides). */
export function afterRequestSuccess(task: () => Promise<unknown>): boolean {
  const store = storage.getStore();
  if (!store) return false;
  store.afterSuccess.push(task);
  return true;
}

export function takeAfterSuccessTasks(): Array<() => Promise<unknown>> {
  const store = storage.getStore();
  if (!store) return [];
  return store.afterSuccess.splice(0, store.afterSuccess.length);
}
