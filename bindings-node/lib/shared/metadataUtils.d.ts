/**
 * The name to show for a tool, resource, prompt or implementation: a non-empty `title`, else
 * (tools) `annotations.title`, else `name` — the spec's "if no title is provided, name should be
 * used for display purposes".
 */
export function getDisplayName(metadata: any): any;
