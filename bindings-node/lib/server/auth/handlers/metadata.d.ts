/**
 * Express middleware serving `metadata` as JSON at its mount point.
 * @param {object} metadata
 */
export function metadataHandler(metadata: object): (req: any, res: any, next: any) => void;
