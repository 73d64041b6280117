"use strict";
// `@modelcontextprotocol/sdk/shared/toolNameValidation.js`: SEP-986's advice on tool names —
// 1 to 128 characters of A-Z, a-z, 0-9, `_`, `-` and `.`. A name outside it is a warning, not
// an error: tools keep registering.

const ALLOWED = /^[A-Za-z0-9._-]+$/;
const MAX_LENGTH = 128;

/** `{isValid, warnings}` for `name`. */
function validateToolName(name) {
  if (name.length === 0) {
    return { isValid: false, warnings: ["Tool name cannot be empty"] };
  }
  if (name.length > MAX_LENGTH) {
    return { isValid: false, warnings: [`Tool name exceeds maximum length of ${MAX_LENGTH} characters (current: ${name.length})`] };
  }
  const warnings = [];
  if (name.includes(" ")) {
    warnings.push("Tool name contains spaces, which may cause parsing issues");
  }
  if (name.includes(",")) {
    warnings.push("Tool name contains commas, which may cause parsing issues");
  }
  if (name.startsWith("-") || name.endsWith("-")) {
    warnings.push("Tool name starts or ends with a dash, which may cause parsing issues in some contexts");
  }
  if (name.startsWith(".") || name.endsWith(".")) {
    warnings.push("Tool name starts or ends with a dot, which may cause parsing issues in some contexts");
  }
  if (ALLOWED.test(name)) {
    return { isValid: true, warnings };
  }
  const bad = [...new Set([...name].filter((c) => !ALLOWED.test(c)))];
  warnings.push(
    `Tool name contains invalid characters: ${bad.map((c) => `"${c}"`).join(", ")}`,
    "Allowed characters are: A-Z, a-z, 0-9, underscore (_), dash (-), and dot (.)",
  );
  return { isValid: false, warnings };
}

/** Writes `warnings` about `name` to the console (stderr), if there are any. */
function issueToolNameWarning(name, warnings) {
  if (warnings.length === 0) {
    return;
  }
  console.warn(`Tool name validation warning for "${name}":`);
  for (const w of warnings) {
    console.warn(`  - ${w}`);
  }
  console.warn("Tool registration will proceed, but this may cause compatibility issues.");
  console.warn("Consider updating the tool name to conform to the MCP tool naming standard.");
  console.warn(
    "See SEP: Specify Format for Tool Names (https://github.com/modelcontextprotocol/modelcontextprotocol/issues/986) for more details.",
  );
}

/** Checks `name`, warns about what is off, and says whether it is valid. */
function validateAndWarnToolName(name) {
  const { isValid, warnings } = validateToolName(name);
  issueToolNameWarning(name, warnings);
  return isValid;
}

module.exports = { validateToolName, issueToolNameWarning, validateAndWarnToolName };
