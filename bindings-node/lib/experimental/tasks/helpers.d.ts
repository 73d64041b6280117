export { assertToolsCallTaskCapability, assertClientRequestTaskCapability };
