/**
 * @archspace/experiment — experiments: the trial API, the manager that runs trials as local
 * processes, the SQLite store, the REST API, the client, the CLI and the serializer.
 */
export * from './records.js';
