/**
 * `verifier.verifyAccessToken(token)` → AuthInfo; `requiredScopes`: every one must be granted;
 * `resourceMetadataUrl`: named in the challenge (RFC 9728); `expectedResource`: the token's
 * `resource` must be this server.
 * @param {{verifier: {verifyAccessToken(token: string): Promise<any>}, requiredScopes?: string[], resourceMetadataUrl?: string, expectedResource?: URL}} options
 */
export function requireBearerAuth(options: {
    verifier: {
        verifyAccessToken(token: string): Promise<any>;
    };
    requiredScopes?: string[];
    resourceMetadataUrl?: string;
    expectedResource?: URL;
}): (req: any, res: any, next: any) => Promise<void>;
