export { ExperimentalMcpServerTasks };
