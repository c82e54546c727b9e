import { describeValue, ValueError } from '../errors.js';

let gradEnabled = true;

/** Whether ops currently record the autograd graph. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

const AsyncFunction = (async () => undefined).constructor;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * The grad mode is one global flag, set for the synchronous extent of `fn`: code after an
 * `await` would run with whatever mode is current then, so async functions are refused (before
 * running when recognisable, else when they return a Promise).
 */
function withGradMode<T>(enabled: boolean, fn: () => T, where: string): T {
  const refuse = (): ValueError =>
    new ValueError(
      `${where}: fn must be synchronous, got an async function or a returned Promise; the grad mode would not hold after its first await. Await first, then call ${where}(() => ...) on the synchronous part`,
    );
  if (typeof fn !== 'function') throw new ValueError(`${where}: expected a function, got ${describeValue(fn)}`);
  if (fn instanceof AsyncFunction) throw refuse();
  const previous = gradEnabled;
  gradEnabled = enabled;
  let result: T;
  try {
    result = fn();
  } finally {
    gradEnabled = previous;
  }
  if (isThenable(result)) throw refuse();
  return result;
}

/**
 * Runs `fn` without recording the autograd graph (inference, parameter updates). `fn` must be
 * synchronous: an async function or a returned Promise raises a ValueError.
 * @example const y = noGrad(() => model.forward(x));
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn, 'noGrad');
}

/**
 * Runs `fn` with graph recording on, even inside {@link noGrad}. `fn` must be synchronous, as
 * for {@link noGrad}.
 * @example const y = noGrad(() => enableGrad(() => x.mul(2))); // y.requiresGrad when x does
 */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn, 'enableGrad');
}
