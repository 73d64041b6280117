/**
 * Express middleware passing only `methods` (upper-case names, e.g. `["GET", "POST"]`).
 * @param {string[]} methods
 */
export function allowedMethods(methods: string[]): (req: any, res: any, next: any) => void;
