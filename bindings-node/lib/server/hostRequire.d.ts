/** `name` as the server's entry script resolves it, else as ferromcp does (throws if neither can). */
export function hostRequire(name: any): any;
