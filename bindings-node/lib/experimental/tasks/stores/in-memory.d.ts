export { InMemoryTaskStore, InMemoryTaskMessageQueue };
