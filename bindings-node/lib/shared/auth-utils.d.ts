/** The server's URL as a resource indicator: the same URL without its fragment. */
export function resourceUrlFromServerUrl(url: any): URL;
/**
 * Whether `requestedResource` lies within `configuredResource`: same origin, and the requested
 * path is the configured one or below it (path segments compared whole, so `/api` does not
 * cover `/api2`).
 */
export function checkResourceAllowed({ requestedResource, configuredResource }: {
    requestedResource: any;
    configuredResource: any;
}): any;
