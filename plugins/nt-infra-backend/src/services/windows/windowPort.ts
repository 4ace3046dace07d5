import { WindowPort } from '../policy/ports';
import { WindowService } from './WindowService';

/** Approved windows in the policy's terms: the id, the limits a run inherits, the end. */
export function windowPort(windows: WindowService): WindowPort {
  return {
    async findCovering(query) {
      const window = await windows.findCoveringWindow(query);
      return (
        window && {
          id: window.id,
          maxFraction: window.limits.maxFraction,
          stopConditions: window.limits.stopConditions,
          endsAt: window.endsAt,
        }
      );
    },
  };
}
