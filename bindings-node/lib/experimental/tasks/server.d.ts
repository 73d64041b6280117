export { ExperimentalServerTasks };
