export { ArmServer, toArmInput } from './ArmServer';
export { ArmError } from './ArmError';
