"use strict";
// `@modelcontextprotocol/sdk/shared/auth.js`: zod schemas for the OAuth documents an MCP server
// and its clients exchange — protected resource metadata (RFC 9728), authorization server
// metadata (RFC 8414), OpenID provider metadata, tokens (OAuth 2.1), dynamic client
// registration (RFC 7591) and revocation (RFC 7009). They are zod schemas, as the SDK's are, so
// this module needs zod (an optional peer of ferromcp: ^3.25 has `zod/v4` too).

const z = require("zod/v4");

const strings = () => z.array(z.string());
const maybe = (schema) => schema.optional();

const BLOCKED_SCHEMES = new Set(["javascript:", "data:", "vbscript:"]);

/** A URL a client may follow or show: parseable, and not javascript:, data: or vbscript:. */
const SafeUrlSchema = z
  .url()
  .superRefine((value, ctx) => {
    if (!URL.canParse(value)) {
      ctx.addIssue({ code: "custom", message: "URL must be parseable", fatal: true });
    }
  })
  .refine((value) => !BLOCKED_SCHEMES.has(new URL(value).protocol), {
    message: "URL cannot use javascript:, data:, or vbscript: scheme",
  });

/** SafeUrlSchema, absent, or "" (read as absent; older clients send an empty logo_uri / tos_uri). */
const OptionalSafeUrlSchema = SafeUrlSchema.optional().or(z.literal("").transform(() => undefined));

/** RFC 9728 protected resource metadata; unknown members are kept. */
const OAuthProtectedResourceMetadataSchema = z.looseObject({
  resource: z.string().url(),
  authorization_servers: maybe(z.array(SafeUrlSchema)),
  jwks_uri: maybe(z.string().url()),
  scopes_supported: maybe(strings()),
  bearer_methods_supported: maybe(strings()),
  resource_signing_alg_values_supported: maybe(strings()),
  resource_name: maybe(z.string()),
  resource_documentation: maybe(z.string()),
  resource_policy_uri: maybe(z.string().url()),
  resource_tos_uri: maybe(z.string().url()),
  tls_client_certificate_bound_access_tokens: maybe(z.boolean()),
  authorization_details_types_supported: maybe(strings()),
  dpop_signing_alg_values_supported: maybe(strings()),
  dpop_bound_access_tokens_required: maybe(z.boolean()),
});

/** RFC 8414 authorization server metadata; unknown members are kept. */
const OAuthMetadataSchema = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: SafeUrlSchema,
  token_endpoint: SafeUrlSchema,
  registration_endpoint: maybe(SafeUrlSchema),
  scopes_supported: maybe(strings()),
  response_types_supported: strings(),
  response_modes_supported: maybe(strings()),
  grant_types_supported: maybe(strings()),
  token_endpoint_auth_methods_supported: maybe(strings()),
  token_endpoint_auth_signing_alg_values_supported: maybe(strings()),
  service_documentation: maybe(SafeUrlSchema),
  revocation_endpoint: maybe(SafeUrlSchema),
  revocation_endpoint_auth_methods_supported: maybe(strings()),
  revocation_endpoint_auth_signing_alg_values_supported: maybe(strings()),
  introspection_endpoint: maybe(z.string()),
  introspection_endpoint_auth_methods_supported: maybe(strings()),
  introspection_endpoint_auth_signing_alg_values_supported: maybe(strings()),
  code_challenge_methods_supported: maybe(strings()),
  client_id_metadata_document_supported: maybe(z.boolean()),
});

// OpenID Connect Discovery 1.0 §3: the provider metadata members.
const openIdMembers = {
  issuer: z.string(),
  authorization_endpoint: SafeUrlSchema,
  token_endpoint: SafeUrlSchema,
  userinfo_endpoint: maybe(SafeUrlSchema),
  jwks_uri: SafeUrlSchema,
  registration_endpoint: maybe(SafeUrlSchema),
  scopes_supported: maybe(strings()),
  response_types_supported: strings(),
  response_modes_supported: maybe(strings()),
  grant_types_supported: maybe(strings()),
  acr_values_supported: maybe(strings()),
  subject_types_supported: strings(),
  id_token_signing_alg_values_supported: strings(),
  id_token_encryption_alg_values_supported: maybe(strings()),
  id_token_encryption_enc_values_supported: maybe(strings()),
  userinfo_signing_alg_values_supported: maybe(strings()),
  userinfo_encryption_alg_values_supported: maybe(strings()),
  userinfo_encryption_enc_values_supported: maybe(strings()),
  request_object_signing_alg_values_supported: maybe(strings()),
  request_object_encryption_alg_values_supported: maybe(strings()),
  request_object_encryption_enc_values_supported: maybe(strings()),
  token_endpoint_auth_methods_supported: maybe(strings()),
  token_endpoint_auth_signing_alg_values_supported: maybe(strings()),
  display_values_supported: maybe(strings()),
  claim_types_supported: maybe(strings()),
  claims_supported: maybe(strings()),
  service_documentation: maybe(z.string()),
  claims_locales_supported: maybe(strings()),
  ui_locales_supported: maybe(strings()),
  claims_parameter_supported: maybe(z.boolean()),
  request_parameter_supported: maybe(z.boolean()),
  request_uri_parameter_supported: maybe(z.boolean()),
  require_request_uri_registration: maybe(z.boolean()),
  op_policy_uri: maybe(SafeUrlSchema),
  op_tos_uri: maybe(SafeUrlSchema),
  client_id_metadata_document_supported: maybe(z.boolean()),
};

/** OpenID provider metadata; unknown members are kept. */
const OpenIdProviderMetadataSchema = z.looseObject(openIdMembers);

/** What OIDC discovery documents carry in practice: the OpenID members plus PKCE's; others dropped. */
const OpenIdProviderDiscoveryMetadataSchema = z.object({
  ...openIdMembers,
  code_challenge_methods_supported: maybe(strings()),
});

// `issuer` is no wire member: the SDK's client records which authorization server a stored
// value came from; anything but a string reads as absent.
const recordedIssuer = () => z.string().optional().catch(undefined);

/** An OAuth 2.1 token response (`expires_in` may arrive as a numeric string); others dropped. */
const OAuthTokensSchema = z.object({
  access_token: z.string(),
  id_token: maybe(z.string()),
  token_type: z.string(),
  expires_in: maybe(z.coerce.number()),
  scope: maybe(z.string()),
  refresh_token: maybe(z.string()),
  issuer: recordedIssuer(),
});

/** An OAuth 2.1 error response. */
const OAuthErrorResponseSchema = z.object({
  error: z.string(),
  error_description: maybe(z.string()),
  error_uri: maybe(z.string()),
});

const clientMetadataMembers = {
  redirect_uris: z.array(SafeUrlSchema),
  token_endpoint_auth_method: maybe(z.string()),
  grant_types: maybe(strings()),
  response_types: maybe(strings()),
  client_name: maybe(z.string()),
  client_uri: maybe(SafeUrlSchema),
  logo_uri: OptionalSafeUrlSchema,
  scope: maybe(z.string()),
  contacts: maybe(strings()),
  tos_uri: OptionalSafeUrlSchema,
  policy_uri: maybe(z.string()),
  jwks_uri: maybe(SafeUrlSchema),
  jwks: z.any().optional(),
  software_id: maybe(z.string()),
  software_version: maybe(z.string()),
  software_statement: maybe(z.string()),
};

const clientInformationMembers = {
  client_id: z.string(),
  client_secret: maybe(z.string()),
  client_id_issued_at: maybe(z.number()),
  client_secret_expires_at: maybe(z.number()),
  issuer: recordedIssuer(),
};

/** RFC 7591 §2 client metadata; unknown members dropped. */
const OAuthClientMetadataSchema = z.object(clientMetadataMembers);

/** RFC 7591 §3.2.1 client information; unknown members dropped. */
const OAuthClientInformationSchema = z.object(clientInformationMembers);

/** A registration response: client information and metadata together. */
const OAuthClientInformationFullSchema = z.object({ ...clientMetadataMembers, ...clientInformationMembers });

/** RFC 7591 §3.2.2 registration error. */
const OAuthClientRegistrationErrorSchema = z.object({
  error: z.string(),
  error_description: maybe(z.string()),
});

/** RFC 7009 §2.1 revocation request. */
const OAuthTokenRevocationRequestSchema = z.object({
  token: z.string(),
  token_type_hint: maybe(z.string()),
});

module.exports = {
  SafeUrlSchema,
  OptionalSafeUrlSchema,
  OAuthProtectedResourceMetadataSchema,
  OAuthMetadataSchema,
  OpenIdProviderMetadataSchema,
  OpenIdProviderDiscoveryMetadataSchema,
  OAuthTokensSchema,
  OAuthErrorResponseSchema,
  OAuthClientMetadataSchema,
  OAuthClientInformationSchema,
  OAuthClientInformationFullSchema,
  OAuthClientRegistrationErrorSchema,
  OAuthTokenRevocationRequestSchema,
};
