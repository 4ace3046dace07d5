export { searchEngineModule as default } from './module';
