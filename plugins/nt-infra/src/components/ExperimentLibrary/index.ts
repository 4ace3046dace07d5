export { ExperimentLibrary } from './ExperimentLibrary';
