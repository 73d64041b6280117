/**
 * Allows only `allowedHostnames` (without ports; IPv6 in brackets, as `[::1]`). The hostname is
 * read from the Host header as a URL parser reads it, so case and IPv6 forms are normalised.
 */
export function hostHeaderValidation(allowedHostnames: any): (req: any, res: any, next: any) => void;
/** `hostHeaderValidation` for a server on the loopback interface: localhost, 127.0.0.1 and [::1]. */
export function localhostHostValidation(): (req: any, res: any, next: any) => void;
