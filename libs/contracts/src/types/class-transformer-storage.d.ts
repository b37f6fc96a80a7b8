// class-transformer ships the storage typings under types/ but maps no subpath to them.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
