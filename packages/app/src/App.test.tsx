import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('opens on the sign-in page with the configured title and sandbox users', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'NT-AI Infrastructure (test)' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: {
              providers: {
                'sandbox-users': {
                  users: [{ user: 'alice', description: 'engineer (sre)' }],
                },
              },
            },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // Nobody is signed in: the whole app (features, sign-in module, config)
    // comes up on the sandbox sign-in page, not an error or a blank screen.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'NT-AI Infrastructure (test)' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Sign in as alice' }),
    ).toBeEnabled();
  });
});
