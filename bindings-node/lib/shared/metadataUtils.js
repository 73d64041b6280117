"use strict";
// `@modelcontextprotocol/sdk/shared/metadataUtils.js`.

/**
 * The name to show for a tool, resource, prompt or implementation: a non-empty `title`, else
 * (tools) `annotations.title`, else `name` — the spec's "if no title is provided, name should be
 * used for display purposes".
 */
function getDisplayName(metadata) {
  if (metadata.title !== undefined && metadata.title !== "") {
    return metadata.title;
  }
  if ("annotations" in metadata && metadata.annotations?.title) {
    return metadata.annotations.title;
  }
  return metadata.name;
}

module.exports = { getDisplayName };
