import { mockCredentials } from '@backstage/backend-test-utils';
import { Response } from 'express';
import {
  PreviewBudget,
  PreviewGate,
  TooManyRequestsError,
} from './previewRateLimit';

describe('PreviewBudget', () => {
  it('allows perUser previews in any window, then says when the oldest leaves it', () => {
    let now = 1_000_000;
    const budget = new PreviewBudget(
      { perUser: 3, windowMs: 60_000 },
      () => now,
    );
    expect(budget.take('user:default/alice')).toBeUndefined();
    now += 10_000;
    expect(budget.take('user:default/alice')).toBeUndefined();
    expect(budget.take('user:default/alice')).toBeUndefined();
    expect(budget.take('user:default/alice')).toBe(50);
    // Others have budgets of their own.
    expect(budget.take('user:default/bob')).toBeUndefined();
    // A refusal takes nothing: when the first preview leaves the window, one is free.
    now += 50_000;
    expect(budget.take('user:default/alice')).toBeUndefined();
    expect(budget.take('user:default/alice')).toBe(10);
  });

  it('never answers less than a second to wait', () => {
    let now = 0;
    const budget = new PreviewBudget(
      { perUser: 1, windowMs: 1_000 },
      () => now,
    );
    budget.take('u');
    now = 999;
    expect(budget.take('u')).toBe(1);
  });
});

describe('PreviewGate', () => {
  const response = () => {
    const headers: Record<string, string> = {};
    return {
      headers,
      res: {
        setHeader: (k: string, v: string) => {
          headers[k] = v;
        },
      } as unknown as Response,
    };
  };

  it('answers 429 with the limit in words and Retry-After, per user and per service', () => {
    const gate = new PreviewGate({ perUser: 2, windowMs: 60_000 }, () => 0);
    const alice = mockCredentials.user('user:default/alice');
    const ci = mockCredentials.service('external:ci');
    for (let i = 0; i < 2; i++) {
      gate.admit(alice, response().res);
      gate.admit(ci, response().res);
    }
    const refused = response();
    let error: unknown;
    try {
      gate.admit(alice, refused.res);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).statusCode).toBe(429);
    expect((error as Error).message).toBe(
      'Too many previews: at most 2 per 60 s per user; retry in 60 s',
    );
    expect(refused.headers['Retry-After']).toBe('60');
    expect(() => gate.admit(ci, response().res)).toThrow(TooManyRequestsError);
    expect(() =>
      gate.admit(mockCredentials.user('user:default/bob'), response().res),
    ).not.toThrow();
  });
});
