/**
 * @param {{key: string | Uint8Array, ttlSeconds?: number, bind?: (ctx: any) => string}} options
 */
export function createRequestStateCodec(options: {
    key: string | Uint8Array;
    ttlSeconds?: number;
    bind?: (ctx: any) => string;
}): {
    /**
     * @param {any} payload
     * @param {any} [ctx]
     */
    mint(payload: any, ctx?: any): Promise<string>;
    /**
     * @param {string} state
     * @param {any} [ctx]
     */
    verify(state: string, ctx?: any): Promise<any>;
};
