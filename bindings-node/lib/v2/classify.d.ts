/**
 * Classifies one inbound HTTP request: `{kind: "legacy", reason}`, `{kind: "modern",
 * messageKind, message, classification}`, or `{kind: "reject", httpStatus, code, message}`.
 * @param {{httpMethod: string, protocolVersionHeader?: string, mcpMethodHeader?: string, mcpNameHeader?: string, body?: unknown}} request
 */
export function classifyInboundRequest(request: {
    httpMethod: string;
    protocolVersionHeader?: string;
    mcpMethodHeader?: string;
    mcpNameHeader?: string;
    body?: unknown;
}): {
    data?: any;
    kind: string;
    rung: string;
    cell: any;
    httpStatus: any;
    code: any;
    message: any;
} | {
    requestedVersion?: any;
    kind: string;
    reason: string;
    messageKind?: undefined;
    message?: undefined;
    classification?: undefined;
} | {
    kind: string;
    messageKind: string;
    message: unknown;
    classification: {
        era: string;
        revision?: undefined;
    } | {
        era: string;
        revision: any;
    };
};
/**
 * Whether `createMcpHandler` routes this request to its 2025-era serving: true for claim-less
 * traffic (and bodies that are empty or not JSON), false for everything the modern path answers.
 * @param {Request} request
 * @param {unknown} [parsedBody]
 * @param {{maxRequestBodySize?: number}} [_options]
 */
export function isLegacyRequest(request: Request, parsedBody?: unknown, _options?: {
    maxRequestBodySize?: number;
}): Promise<boolean>;
/**
 * What a modern-only endpoint (`legacy: 'reject'`) answers a legacy-classified request with;
 * undefined for a notification (accepted with 202 and dropped).
 */
export function modernOnlyRejection(route: any): {
    data?: any;
    kind: string;
    rung: string;
    cell: any;
    httpStatus: any;
    code: any;
    message: any;
} | undefined;
/** Whether `params` carry a whole envelope naming a 2026-07-28-era revision. */
export function validModernClaim(params: any): boolean;
/** The headers of a Web `Request` the classification reads. */
export function inboundOf(request: any, body: any): {
    httpMethod: any;
    protocolVersionHeader: any;
    mcpMethodHeader: any;
    mcpNameHeader: any;
    body: any;
};
/** A JSON body, or undefined when it is empty or not JSON. */
export function readJson(request: any): Promise<any>;
export const MODERN_VERSIONS: string[];
