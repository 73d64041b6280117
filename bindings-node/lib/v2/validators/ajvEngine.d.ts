/**
 * @param {new (options: any) => any} Engine the Ajv class of the dialect wanted
 */
export function defaultEngine(Engine: new (options: any) => any): any;
