/** Request property: the session id the author's code does not see on this POST. */
export const ADOPT: unique symbol;
/** Session ids held by transports the author made, in this process. */
export const held: Set<any>;
/** Whether `body` is the body of a POST taking a session in (`isInitializeRequest`). */
export function isAdopting(body: any): boolean;
/** The Redis URL of a transport or an app: the option, else `FERROMCP_REDIS_URL`. */
export function redisUrl(options: any): any;
/**
 * Express middleware letting this replica serve sessions begun on others (see above). Put it
 * after the JSON body parser, before the MCP routes; `createMcpExpressApp()` does when
 * `redisUrl` or `FERROMCP_REDIS_URL` is set.
 * @param {{redisUrl?: string, redisPrefix?: string}} [options]
 */
export function replicaSessions(options?: {
    redisUrl?: string;
    redisPrefix?: string;
}): (req: any, res: any, next: any) => void;
/** A `requireBearerAuth` middleware was made: routes of this process check bearer tokens. */
export function bearerRouteMade(): void;
/**
 * For `requireBearerAuth`, once it set `req.auth`: serves a GET or DELETE `replicaSessions()`
 * left to it, else `next()`.
 */
export function authenticated(req: any, res: any, next: any): void;
