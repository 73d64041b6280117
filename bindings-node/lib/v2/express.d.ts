import { createMcpExpressApp } from "../server/express.js";
import { hostHeaderValidation } from "../server/middleware/hostHeaderValidation.js";
import { localhostHostValidation } from "../server/middleware/hostHeaderValidation.js";
import { originValidation } from "./validation.js";
import { localhostOriginValidation } from "./validation.js";
import { requireBearerAuthExpress } from "./auth.js";
import { mcpAuthMetadataRouter } from "./auth.js";
import { getOAuthProtectedResourceMetadataUrl } from "./auth.js";
export { createMcpExpressApp, hostHeaderValidation, localhostHostValidation, originValidation, localhostOriginValidation, requireBearerAuthExpress as requireBearerAuth, mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl };
