export const COMPLETABLE_SYMBOL: unique symbol;
export namespace McpZodTypeKind {
    let Completable: string;
}
export function completable(schema: any, complete: any): any;
export function isCompletable(schema: any): boolean;
export function getCompleter(schema: any): any;
export function unwrapCompletable(schema: any): any;
