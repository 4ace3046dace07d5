export { scaffolderPeopleOnlyModule as default } from './module';
