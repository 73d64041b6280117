import { Ajv } from "ajv";
export class AjvJsonSchemaValidator {
    /**
     * @param {any} [ajv] an engine used for every schema (its dialect is the caller's choice);
     *   without one, an engine per declared dialect (2020-12, 2019-09, draft-07/06), each made on
     *   first use
     */
    constructor(ajv?: any);
    /** The 2020-12 engine (or the one given). */
    get ajv(): any;
    /**
     * A function checking values against `schema` (compiled once; a schema with a string `$id`
     * the engine already knows is reused).
     * @param {Record<string, any>} schema
     * @returns {(input: unknown) => {valid: true, data: any, errorMessage: undefined} | {valid: false, data: undefined, errorMessage: string}}
     */
    getValidator(schema: Record<string, any>): (input: unknown) => {
        valid: true;
        data: any;
        errorMessage: undefined;
    } | {
        valid: false;
        data: undefined;
        errorMessage: string;
    };
    #private;
}
/** @type {import("ajv-formats").FormatsPlugin} */
export const addFormats: import("ajv-formats").FormatsPlugin;
export { Ajv };
