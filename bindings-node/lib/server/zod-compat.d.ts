export function isZ4Schema(s: any): boolean;
export function objectFromShape(shape: any): any;
/** A zod object schema for a raw shape or schema; undefined for none or plain JSON Schema. */
export function normalizeObjectSchema(schema: any): any;
export function getObjectShape(schema: any): any;
export function safeParse(schema: any, data: any): any;
export function safeParseAsync(schema: any, data: any): Promise<any>;
/** The SDK's text for a failed parse: each issue, with where it is. */
export function getParseErrorMessage(error: any): any;
export function getSchemaDescription(schema: any): any;
export function isSchemaOptional(schema: any): any;
/** The value of a literal schema (`z.literal('x')`, v3 or v4); undefined for anything else. */
export function getLiteralValue(schema: any): any;
/** JSON Schema for a listing: zod converted as the SDK converts it, plain JSON Schema as given. */
export function toJsonSchema(schema: any, io: any): any;
