export class CfWorkerJsonSchemaValidator extends ByDialect {
}
import { CfWorkerJsonSchemaValidator as ByDialect } from "../v2/validators/cfWorker.js";
