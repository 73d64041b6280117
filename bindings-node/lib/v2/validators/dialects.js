"use strict";
// Which JSON Schema dialect a schema declares (`$schema`), as the SDK's validators dispatch on
// it: none (or not text) is 2020-12; 2019-09; draft-07 and draft-06 alike; anything else is
// refused with an error naming the caller's way out.

const URIS = {
  "2020-12": ["https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft/2020-12/schema"],
  "2019-09": ["https://json-schema.org/draft/2019-09/schema", "http://json-schema.org/draft/2019-09/schema"],
  "draft-7": [
    "https://json-schema.org/draft-07/schema", "http://json-schema.org/draft-07/schema",
    "https://json-schema.org/draft-06/schema", "http://json-schema.org/draft-06/schema",
  ],
};

/**
 * The dialect `schema` declares.
 * @param {Record<string, any>} schema
 * @param {string} remedy what the caller can do about another dialect
 * @returns {"2020-12" | "2019-09" | "draft-7"}
 */
function declaredDialect(schema, remedy) {
  if (!("$schema" in schema) || typeof schema.$schema !== "string") {
    return "2020-12";
  }
  const declared = schema.$schema.replace(/#$/, "");
  for (const [dialect, uris] of Object.entries(URIS)) {
    if (uris.includes(declared)) {
      return /** @type {"2020-12" | "2019-09" | "draft-7"} */ (dialect);
    }
  }
  throw new Error(
    `JSON Schema declares an unsupported dialect ("$schema": "${schema.$schema.slice(0, 200)}"). ` +
      "The default validator supports JSON Schema 2020-12, 2019-09, draft-07, and draft-06; " +
      remedy,
  );
}

module.exports = { declaredDialect };
