export * from './infra-error';
export * from './native/native-kafka';
export * from './native/processes';
export * from './postgres';
export * from './provision';
export * from './pipeline-topics';
export * from './benchmark-report';
