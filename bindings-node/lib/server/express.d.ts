export function createMcpExpressApp(options?: {}): any;
import { replicaSessions } from "./replicas.js";
export { replicaSessions };
