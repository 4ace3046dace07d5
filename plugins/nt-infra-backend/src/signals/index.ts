export { SignalPublisher } from './SignalPublisher';
export { SignallingRunStore } from './SignallingRunStore';
export { SignallingWindowStore } from './SignallingWindowStore';
export { SignallingChangeRequestStore } from './SignallingChangeRequestStore';
