export class AjvJsonSchemaValidator extends ByDialect {
}
import { AjvJsonSchemaValidator as ByDialect } from "../v2/validators/ajv.js";
