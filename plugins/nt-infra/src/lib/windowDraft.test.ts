import { validateWindowDraft, WindowDraft } from './windowDraft';

const NOW = Date.parse('2026-12-02T12:00:00');
const valid: WindowDraft = {
  startsAt: '2026-12-03T09:00',
  endsAt: '2026-12-03T11:00',
  reason: 'drill',
  experiments: ['PodChaos/ntai/api-pod-failure-10pct'],
  regions: ['eastus'],
  percent: '10',
};

describe('validateWindowDraft', () => {
  it('accepts what the server accepts', () => {
    expect(validateWindowDraft(valid, NOW, true)).toEqual({});
  });

  it('names the field for each rule the server enforces', () => {
    expect(
      validateWindowDraft({ ...valid, endsAt: '2026-12-03T08:00' }, NOW),
    ).toEqual({ endsAt: 'The window must end after it starts.' });
    expect(
      validateWindowDraft({ ...valid, endsAt: '2026-12-03T17:01' }, NOW),
    ).toEqual({ endsAt: 'A window lasts at most 8 hours.' });
    expect(
      validateWindowDraft(
        { ...valid, startsAt: '2026-12-02T11:00', endsAt: '2026-12-02T13:00' },
        NOW,
      ),
    ).toEqual({ startsAt: 'The window must start in the future.' });
    expect(
      validateWindowDraft(
        { ...valid, startsAt: '2027-01-05T09:00', endsAt: '2027-01-05T10:00' },
        NOW,
      ),
    ).toEqual({ startsAt: 'At most 30 days ahead.' });
    expect(
      validateWindowDraft({ ...valid, experiments: [], regions: [] }, NOW),
    ).toEqual({
      experiments: 'Choose at least one experiment.',
      regions: 'Choose at least one region.',
    });
    expect(validateWindowDraft({ ...valid, percent: '11' }, NOW)).toEqual({
      percent: 'Above 0 and at most 10 %.',
    });
  });

  it('leaves untouched empty fields alone until the form is submitted', () => {
    const empty = { ...valid, startsAt: '', endsAt: '', reason: '' };
    expect(validateWindowDraft(empty, NOW)).toEqual({});
    expect(validateWindowDraft(empty, NOW, true)).toEqual({
      startsAt: 'Choose when the window starts.',
      endsAt: 'Choose when the window ends.',
      reason: 'Say why the window is needed.',
    });
  });
});
