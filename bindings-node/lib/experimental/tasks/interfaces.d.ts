export { isTerminal };
