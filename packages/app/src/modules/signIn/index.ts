import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const sandboxSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      import('./SandboxSignInPage').then(m => m.SandboxSignInPage),
  },
});

/** Replaces the default guest-only sign-in page of the app. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [sandboxSignInPage],
});
