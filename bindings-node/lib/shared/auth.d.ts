/** A URL a client may follow or show: parseable, and not javascript:, data: or vbscript:. */
export const SafeUrlSchema: z.ZodURL;
/** SafeUrlSchema, absent, or "" (read as absent; older clients send an empty logo_uri / tos_uri). */
export const OptionalSafeUrlSchema: z.ZodUnion<[z.ZodOptional<z.ZodURL>, z.ZodPipe<z.ZodLiteral<"">, z.ZodTransform<undefined, "">>]>;
/** RFC 9728 protected resource metadata; unknown members are kept. */
export const OAuthProtectedResourceMetadataSchema: z.ZodObject<{
    resource: z.ZodString;
    authorization_servers: any;
    jwks_uri: any;
    scopes_supported: any;
    bearer_methods_supported: any;
    resource_signing_alg_values_supported: any;
    resource_name: any;
    resource_documentation: any;
    resource_policy_uri: any;
    resource_tos_uri: any;
    tls_client_certificate_bound_access_tokens: any;
    authorization_details_types_supported: any;
    dpop_signing_alg_values_supported: any;
    dpop_bound_access_tokens_required: any;
}, z.core.$loose>;
/** RFC 8414 authorization server metadata; unknown members are kept. */
export const OAuthMetadataSchema: z.ZodObject<{
    issuer: z.ZodString;
    authorization_endpoint: z.ZodURL;
    token_endpoint: z.ZodURL;
    registration_endpoint: any;
    scopes_supported: any;
    response_types_supported: z.ZodArray<z.ZodString>;
    response_modes_supported: any;
    grant_types_supported: any;
    token_endpoint_auth_methods_supported: any;
    token_endpoint_auth_signing_alg_values_supported: any;
    service_documentation: any;
    revocation_endpoint: any;
    revocation_endpoint_auth_methods_supported: any;
    revocation_endpoint_auth_signing_alg_values_supported: any;
    introspection_endpoint: any;
    introspection_endpoint_auth_methods_supported: any;
    introspection_endpoint_auth_signing_alg_values_supported: any;
    code_challenge_methods_supported: any;
    client_id_metadata_document_supported: any;
}, z.core.$loose>;
/** OpenID provider metadata; unknown members are kept. */
export const OpenIdProviderMetadataSchema: z.ZodObject<{
    issuer: z.ZodString;
    authorization_endpoint: z.ZodURL;
    token_endpoint: z.ZodURL;
    userinfo_endpoint: any;
    jwks_uri: z.ZodURL;
    registration_endpoint: any;
    scopes_supported: any;
    response_types_supported: z.ZodArray<z.ZodString>;
    response_modes_supported: any;
    grant_types_supported: any;
    acr_values_supported: any;
    subject_types_supported: z.ZodArray<z.ZodString>;
    id_token_signing_alg_values_supported: z.ZodArray<z.ZodString>;
    id_token_encryption_alg_values_supported: any;
    id_token_encryption_enc_values_supported: any;
    userinfo_signing_alg_values_supported: any;
    userinfo_encryption_alg_values_supported: any;
    userinfo_encryption_enc_values_supported: any;
    request_object_signing_alg_values_supported: any;
    request_object_encryption_alg_values_supported: any;
    request_object_encryption_enc_values_supported: any;
    token_endpoint_auth_methods_supported: any;
    token_endpoint_auth_signing_alg_values_supported: any;
    display_values_supported: any;
    claim_types_supported: any;
    claims_supported: any;
    service_documentation: any;
    claims_locales_supported: any;
    ui_locales_supported: any;
    claims_parameter_supported: any;
    request_parameter_supported: any;
    request_uri_parameter_supported: any;
    require_request_uri_registration: any;
    op_policy_uri: any;
    op_tos_uri: any;
    client_id_metadata_document_supported: any;
}, z.core.$loose>;
/** What OIDC discovery documents carry in practice: the OpenID members plus PKCE's; others dropped. */
export const OpenIdProviderDiscoveryMetadataSchema: z.ZodObject<{
    code_challenge_methods_supported: any;
    issuer: z.ZodString;
    authorization_endpoint: z.ZodURL;
    token_endpoint: z.ZodURL;
    userinfo_endpoint: any;
    jwks_uri: z.ZodURL;
    registration_endpoint: any;
    scopes_supported: any;
    response_types_supported: z.ZodArray<z.ZodString>;
    response_modes_supported: any;
    grant_types_supported: any;
    acr_values_supported: any;
    subject_types_supported: z.ZodArray<z.ZodString>;
    id_token_signing_alg_values_supported: z.ZodArray<z.ZodString>;
    id_token_encryption_alg_values_supported: any;
    id_token_encryption_enc_values_supported: any;
    userinfo_signing_alg_values_supported: any;
    userinfo_encryption_alg_values_supported: any;
    userinfo_encryption_enc_values_supported: any;
    request_object_signing_alg_values_supported: any;
    request_object_encryption_alg_values_supported: any;
    request_object_encryption_enc_values_supported: any;
    token_endpoint_auth_methods_supported: any;
    token_endpoint_auth_signing_alg_values_supported: any;
    display_values_supported: any;
    claim_types_supported: any;
    claims_supported: any;
    service_documentation: any;
    claims_locales_supported: any;
    ui_locales_supported: any;
    claims_parameter_supported: any;
    request_parameter_supported: any;
    request_uri_parameter_supported: any;
    require_request_uri_registration: any;
    op_policy_uri: any;
    op_tos_uri: any;
    client_id_metadata_document_supported: any;
}, z.core.$strip>;
/** An OAuth 2.1 token response (`expires_in` may arrive as a numeric string); others dropped. */
export const OAuthTokensSchema: z.ZodObject<{
    access_token: z.ZodString;
    id_token: any;
    token_type: z.ZodString;
    expires_in: any;
    scope: any;
    refresh_token: any;
    issuer: z.ZodCatch<z.ZodOptional<z.ZodString>>;
}, z.core.$strip>;
/** An OAuth 2.1 error response. */
export const OAuthErrorResponseSchema: z.ZodObject<{
    error: z.ZodString;
    error_description: any;
    error_uri: any;
}, z.core.$strip>;
/** RFC 7591 §2 client metadata; unknown members dropped. */
export const OAuthClientMetadataSchema: z.ZodObject<{
    redirect_uris: z.ZodArray<z.ZodURL>;
    token_endpoint_auth_method: any;
    grant_types: any;
    response_types: any;
    client_name: any;
    client_uri: any;
    logo_uri: z.ZodUnion<[z.ZodOptional<z.ZodURL>, z.ZodPipe<z.ZodLiteral<"">, z.ZodTransform<undefined, "">>]>;
    scope: any;
    contacts: any;
    tos_uri: z.ZodUnion<[z.ZodOptional<z.ZodURL>, z.ZodPipe<z.ZodLiteral<"">, z.ZodTransform<undefined, "">>]>;
    policy_uri: any;
    jwks_uri: any;
    jwks: z.ZodOptional<z.ZodAny>;
    software_id: any;
    software_version: any;
    software_statement: any;
}, z.core.$strip>;
/** RFC 7591 §3.2.1 client information; unknown members dropped. */
export const OAuthClientInformationSchema: z.ZodObject<{
    client_id: z.ZodString;
    client_secret: any;
    client_id_issued_at: any;
    client_secret_expires_at: any;
    issuer: z.ZodCatch<z.ZodOptional<z.ZodString>>;
}, z.core.$strip>;
/** A registration response: client information and metadata together. */
export const OAuthClientInformationFullSchema: z.ZodObject<{
    client_id: z.ZodString;
    client_secret: any;
    client_id_issued_at: any;
    client_secret_expires_at: any;
    issuer: z.ZodCatch<z.ZodOptional<z.ZodString>>;
    redirect_uris: z.ZodArray<z.ZodURL>;
    token_endpoint_auth_method: any;
    grant_types: any;
    response_types: any;
    client_name: any;
    client_uri: any;
    logo_uri: z.ZodUnion<[z.ZodOptional<z.ZodURL>, z.ZodPipe<z.ZodLiteral<"">, z.ZodTransform<undefined, "">>]>;
    scope: any;
    contacts: any;
    tos_uri: z.ZodUnion<[z.ZodOptional<z.ZodURL>, z.ZodPipe<z.ZodLiteral<"">, z.ZodTransform<undefined, "">>]>;
    policy_uri: any;
    jwks_uri: any;
    jwks: z.ZodOptional<z.ZodAny>;
    software_id: any;
    software_version: any;
    software_statement: any;
}, z.core.$strip>;
/** RFC 7591 §3.2.2 registration error. */
export const OAuthClientRegistrationErrorSchema: z.ZodObject<{
    error: z.ZodString;
    error_description: any;
}, z.core.$strip>;
/** RFC 7009 §2.1 revocation request. */
export const OAuthTokenRevocationRequestSchema: z.ZodObject<{
    token: z.ZodString;
    token_type_hint: any;
}, z.core.$strip>;
import z = require("zod/v4");
