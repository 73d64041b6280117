/** Every item of an async iterable, in an array. */
export function toArrayAsync(iterable: any): Promise<any[]>;
/** The first `result` message's result; the first `error` message's error is thrown. */
export function takeResult(iterable: any): Promise<any>;
