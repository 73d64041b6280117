/**
 * The media type (`type/subtype`, lowercased, without parameters) of a `Content-Type` value, or
 * undefined when there is none. A value whose parameters do not parse still has the media type
 * before its first `;`, as browsers read it — unless a comma after it shows two headers joined.
 */
export function mediaTypeEssence(header: any): any;
/** Whether a `Content-Type` value is `application/json` (parameters such as charset ignored). */
export function isJsonContentType(header: any): boolean;
