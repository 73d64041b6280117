export const inputRequired: typeof buildInputRequired & {
    /**
     * A form-mode elicitation to embed (`elicitation/create`); a Standard Schema
     * `requestedSchema` is sent as JSON Schema.
     * @param {any} params
     */
    elicit(params: any): {
        method: string;
        params: any;
    };
    /**
     * A URL-mode elicitation to embed.
     * @param {any} params
     */
    elicitUrl(params: any): {
        method: string;
        params: any;
    };
    /**
     * A sampling request to embed (`sampling/createMessage`).
     * @param {any} params
     */
    createMessage(params: any): {
        method: string;
        params: any;
    };
    /** A roots listing to embed (`roots/list`). */
    listRoots(): {
        method: string;
    };
};
/**
 * What a retried request's `inputResponses` carries for `key`: an elicitation's answer, a
 * sampling result, a roots listing, or `{kind: "missing"}`. Client data, unchecked.
 * @param {any} responses
 * @param {string} key
 */
export function inputResponse(responses: any, key: string): {
    kind: string;
    action: any;
} | {
    kind: string;
    roots?: undefined;
    result?: undefined;
} | {
    kind: string;
    roots: any;
    result?: undefined;
} | {
    kind: string;
    result: any;
    roots?: undefined;
};
/**
 * The content of an accepted elicitation in `responses` under `key` (checked with `schema`
 * when one is given: `undefined` when it does not match), else `undefined`.
 * @param {any} responses
 * @param {string} key
 * @param {any} [schema]
 */
export function acceptedContent(responses: any, key: string, schema?: any): any;
/** Whether `value` is an input-required result (`resultType: "input_required"`). */
export function isInputRequiredResult(value: any): boolean;
/**
 * The input-required result a handler returns: at least one of `inputRequests` (with an
 * entry) or `requestState`.
 * @param {{inputRequests?: Record<string, any>, requestState?: string}} spec
 */
declare function buildInputRequired(spec: {
    inputRequests?: Record<string, any>;
    requestState?: string;
}): {
    resultType: string;
};
export {};
