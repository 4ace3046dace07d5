import { changeStateTone, windowStateTone } from './tones';

describe('approval stage colours', () => {
  it('give production windows and change requests one colour per stage', () => {
    // Waiting for a second person.
    expect(changeStateTone.open).toBe(windowStateTone.requested);
    // Granted (a merged change was approved first).
    expect(changeStateTone.approved).toBe(windowStateTone.approved);
    expect(changeStateTone.merged).toBe(windowStateTone.approved);
    // Withdrawn or lapsed.
    expect(changeStateTone.closed).toBe(windowStateTone.cancelled);
    expect(windowStateTone.expired).toBe(windowStateTone.cancelled);
    // And the stages are told apart.
    expect(
      new Set([
        windowStateTone.requested,
        windowStateTone.approved,
        windowStateTone.rejected,
        windowStateTone.cancelled,
      ]).size,
    ).toBe(4);
  });
});
