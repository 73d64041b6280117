/** Whether `schema` implements Standard Schema. */
export function isStandardSchema(schema: any): boolean;
/** The plain JSON Schema behind a `fromJsonSchema` schema, if `schema` is one. */
export function plainJsonSchema(schema: any): any;
/**
 * `schema` as JSON Schema 2020-12, `type: "object"` first for inputs (MCP wants object roots),
 * as the SDK lists it.
 * @param {any} schema
 * @param {"input" | "output"} io
 */
export function toJsonSchema(schema: any, io?: "input" | "output"): any;
/** Validates `data`: `{success, data}` or `{success: false, error}` (the issues, worded). */
export function validate(schema: any, data: any): Promise<{
    success: boolean;
    error: any;
    data?: undefined;
} | {
    success: boolean;
    data: any;
    error?: undefined;
}>;
/** Prompt arguments (`prompts/list`) from an args schema's JSON Schema. */
export function promptArguments(schema: any): {
    name: string;
    description: any;
    required: any;
}[];
/**
 * A Standard Schema over plain JSON Schema, checked by `validator` (the SDK's ajv or cf-worker
 * provider, or the author's own); without one by ajv, as 2.x's `fromJsonSchema` does on Node,
 * so a failure is worded as the SDK words it.
 * @param {any} schema
 * @param {any} [validator]
 */
export function fromJsonSchema(schema: any, validator?: any): {
    "~standard": {
        version: number;
        vendor: string;
        jsonSchema: {
            input: () => any;
            output: () => any;
        };
        validate: (data: any) => {
            value: any;
            issues?: undefined;
        } | {
            issues: {
                message: any;
            }[];
            value?: undefined;
        };
    };
};
/** One issue as the SDK words it: `path.to.field: message`. */
export function formatIssue(issue: any): any;
