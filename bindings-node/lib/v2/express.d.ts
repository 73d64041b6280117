import { createMcpExpressApp } from "../server/express.js";
import { hostHeaderValidation } from "../server/middleware/hostHeaderValidation.js";
import { localhostHostValidation } from "../server/middleware/hostHeaderValidation.js";
export { createMcpExpressApp, hostHeaderValidation, localhostHostValidation };
