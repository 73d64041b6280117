/** `{isValid, warnings}` for `name`. */
export function validateToolName(name: any): {
    isValid: boolean;
    warnings: string[];
};
/** Writes `warnings` about `name` to the console (stderr), if there are any. */
export function issueToolNameWarning(name: any, warnings: any): void;
/** Checks `name`, warns about what is off, and says whether it is valid. */
export function validateAndWarnToolName(name: any): boolean;
