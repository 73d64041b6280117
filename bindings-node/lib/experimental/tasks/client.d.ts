export { ExperimentalClientTasks };
