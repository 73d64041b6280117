export class UriTemplate {
    /** Whether `text` holds at least one `{…}` expression. */
    static isTemplate(text: any): boolean;
    constructor(template: any);
    template: any;
    parts: (string | {
        name: any;
        operator: any;
        names: any;
        exploded: any;
    })[];
    /** Every variable the template names, in order. */
    get variableNames(): any[];
    toString(): any;
    /** The URI for `variables` (a string or an array of strings each); unset variables expand to nothing. */
    expand(variables: any): string;
    /** The variables `uri` gives the template (exploded values with commas as arrays), or null. */
    match(uri: any): {} | null;
}
