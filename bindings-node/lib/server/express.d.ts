export function createMcpExpressApp(options?: {}): any;
