export { SignalPublisher } from './SignalPublisher';
export { SignallingRunStore } from './SignallingRunStore';
export { SignallingWindowStore } from './SignallingWindowStore';
export { SignallingHaltStore } from './SignallingHaltStore';
export { SignallingChangeRequestStore } from './SignallingChangeRequestStore';
