/**
 * Remembers the last call: the same arguments (by `Object.is`) give the same result object without
 * calling `fn` again. Each stage of the advisor pipeline is one of these, so an input change recomputes
 * only the stages downstream of it.
 */
export function memoOne<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args: A): R => {
    if (last && last.args.length === args.length && last.args.every((a, i) => Object.is(a, args[i])))
      return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}
