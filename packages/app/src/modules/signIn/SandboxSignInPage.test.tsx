import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { IdentityApi } from '@backstage/core-plugin-api';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SANDBOX_USER_HEADER } from './ProxiedSession';
import { SandboxSignInPage } from './SandboxSignInPage';
import { readRememberedChoice, rememberChoice } from './signInChoice';

const server = setupServer();
const authUrl = 'http://backstage.test/api/auth';

function tokenFor(sub: string, expInSeconds = 3600) {
  const encode = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + expInSeconds;
  return `${encode({ alg: 'ES256' })}.${encode({ sub, exp })}.sig`;
}

function identityResponse(userEntityRef: string, groups: string[] = []) {
  return HttpResponse.json({
    profile: { displayName: userEntityRef },
    backstageIdentity: {
      token: tokenFor(userEntityRef),
      identity: {
        type: 'user',
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...groups],
      },
    },
  });
}

const config = {
  app: { title: 'NT-AI Infrastructure' },
  auth: {
    providers: {
      'sandbox-users': {
        users: [
          { user: 'alice', description: 'engineer (sre)' },
          { user: 'bob', description: 'approver (sre-approvers)' },
        ],
      },
    },
  },
};

async function renderPage(onSignInSuccess = jest.fn()) {
  await renderInTestApp(
    <SandboxSignInPage onSignInSuccess={onSignInSuccess} />,
    {
      config,
      apis: [mockApis.discovery({ baseUrl: 'http://backstage.test' })],
    },
  );
  return onSignInSuccess;
}

describe('SandboxSignInPage', () => {
  registerMswTestHooks(server);
  beforeEach(() => localStorage.clear());

  it('signs in as the chosen sandbox user and remembers the choice', async () => {
    server.use(
      http.get(`${authUrl}/sandbox-users/refresh`, ({ request }) =>
        request.headers.get(SANDBOX_USER_HEADER) === 'bob'
          ? identityResponse('user:default/bob', [
              'group:default/sre-approvers',
            ])
          : HttpResponse.json(
              { error: { message: 'wrong user' } },
              { status: 400 },
            ),
      ),
    );
    const onSignInSuccess = await renderPage();
    expect(await screen.findByText('approver (sre-approvers)')).toBeVisible();

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as bob' }),
    );

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toEqual({
      type: 'user',
      userEntityRef: 'user:default/bob',
      ownershipEntityRefs: ['user:default/bob', 'group:default/sre-approvers'],
    });
    expect(readRememberedChoice()).toEqual({
      provider: 'sandbox-users',
      user: 'bob',
    });

    await identity.signOut();
    expect(readRememberedChoice()).toBeUndefined();
  });

  it('offers guest sign-in', async () => {
    server.use(
      http.get(`${authUrl}/guest/refresh`, () =>
        identityResponse('user:development/guest'),
      ),
    );
    const onSignInSuccess = await renderPage();
    await userEvent.click(await screen.findByRole('button', { name: 'Enter' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    await expect(
      onSignInSuccess.mock.calls[0][0].getBackstageIdentity(),
    ).resolves.toMatchObject({ userEntityRef: 'user:development/guest' });
  });

  it('shows why sign-in failed and stays on the page', async () => {
    server.use(
      http.get(`${authUrl}/sandbox-users/refresh`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'User not found in the catalog',
            },
            request: { method: 'GET', url: '/refresh' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const onSignInSuccess = await renderPage();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sign in as alice' }),
    );
    expect(
      await screen.findByText(/User not found in the catalog/),
    ).toBeInTheDocument();
    expect(onSignInSuccess).not.toHaveBeenCalled();
    expect(readRememberedChoice()).toBeUndefined();
  });

  it('signs in again after a reload with the remembered user', async () => {
    rememberChoice({ provider: 'sandbox-users', user: 'alice' });
    server.use(
      http.get(`${authUrl}/sandbox-users/refresh`, () =>
        identityResponse('user:default/alice'),
      ),
    );
    const onSignInSuccess = await renderPage();
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalled());
    await expect(
      onSignInSuccess.mock.calls[0][0].getBackstageIdentity(),
    ).resolves.toMatchObject({ userEntityRef: 'user:default/alice' });
  });

  it('forgets a remembered user who can no longer sign in', async () => {
    rememberChoice({ provider: 'sandbox-users', user: 'alice' });
    server.use(
      http.get(`${authUrl}/sandbox-users/refresh`, () =>
        HttpResponse.json({ error: { message: 'gone' } }, { status: 404 }),
      ),
    );
    const onSignInSuccess = await renderPage();
    expect(
      await screen.findByRole('button', { name: 'Sign in as alice' }),
    ).toBeVisible();
    expect(onSignInSuccess).not.toHaveBeenCalled();
    expect(readRememberedChoice()).toBeUndefined();
  });
});
