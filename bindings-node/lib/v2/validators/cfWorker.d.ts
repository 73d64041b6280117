export class CfWorkerJsonSchemaValidator {
    /**
     * @param {{shortcircuit?: boolean, draft?: "4" | "7" | "2019-09" | "2020-12"}} [options]
     *   `shortcircuit` (default true): stop at the first error; `draft`: the dialect for every
     *   schema, else each schema's declared one
     */
    constructor(options?: {
        shortcircuit?: boolean;
        draft?: "4" | "7" | "2019-09" | "2020-12";
    });
    shortcircuit: boolean;
    draft: "2020-12" | "2019-09" | "4" | "7" | undefined;
    /**
     * A function checking values against `schema` (compiled anew by each call).
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
}
