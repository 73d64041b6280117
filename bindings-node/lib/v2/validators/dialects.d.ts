/**
 * The dialect `schema` declares.
 * @param {Record<string, any>} schema
 * @param {string} remedy what the caller can do about another dialect
 * @returns {"2020-12" | "2019-09" | "draft-7"}
 */
export function declaredDialect(schema: Record<string, any>, remedy: string): "2020-12" | "2019-09" | "draft-7";
