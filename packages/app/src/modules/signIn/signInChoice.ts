/** How the user chose to sign in; remembered so a reload keeps the session. */
export type SignInChoice =
  | { provider: 'guest' }
  | { provider: 'sandbox-users'; user: string };

const storageKey = 'nt-infra:sign-in-choice';

export function rememberChoice(choice: SignInChoice): void {
  localStorage.setItem(storageKey, JSON.stringify(choice));
}

export function forgetChoice(): void {
  localStorage.removeItem(storageKey);
}

/** The remembered choice, or undefined when there is none or it is unreadable. */
export function readRememberedChoice(): SignInChoice | undefined {
  const raw = localStorage.getItem(storageKey);
  if (!raw) {
    return undefined;
  }
  try {
    const value = JSON.parse(raw);
    if (value?.provider === 'guest') {
      return { provider: 'guest' };
    }
    if (value?.provider === 'sandbox-users' && typeof value.user === 'string') {
      return { provider: 'sandbox-users', user: value.user };
    }
  } catch {
    // Written by an older version of the page: sign in again.
  }
  return undefined;
}
