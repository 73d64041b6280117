/**
 * `verifier.verifyAccessToken(token)` → AuthInfo; `requiredScopes`: every one must be granted;
 * `resourceMetadataUrl`: named in the challenge (RFC 9728); `expectedResource`: the token's
 * `resource` must be this server.
 */
export function requireBearerAuth({ verifier, requiredScopes, resourceMetadataUrl, expectedResource }: {
    verifier: any;
    requiredScopes?: never[] | undefined;
    resourceMetadataUrl: any;
    expectedResource: any;
}): (req: any, res: any, next: any) => Promise<void>;
