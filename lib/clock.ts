// The one source of "now" for billing logic, so that tests (and the renewal simulation) can
// move time: `setClock(fixed)` pins it; `resetClock()` returns to the system clock.
export type Clock = { now: () => Date };

const systemClock: Clock = { now: () => new Date() };
const holder = globalThis as unknown as { __cicloClock?: Clock };

export function now(): Date {
  return (holder.__cicloClock ?? systemClock).now();
}

export function setClock(clock: Clock | Date): void {
  holder.__cicloClock = clock instanceof Date ? { now: () => new Date(clock.getTime()) } : clock;
}

export function resetClock(): void {
  holder.__cicloClock = undefined;
}
