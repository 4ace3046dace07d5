export interface Config {
  auth?: {
    providers?: {
      /**
       * Development sign-in as one of these catalog users (the backend's
       * sandboxUsersAuth module), refused unless NODE_ENV is development.
       */
      'sandbox-users'?: {
        /**
         * The users offered on the sign-in page, by catalog name
         * (`user:default/<user>`).
         * @visibility frontend
         */
        users: Array<{
          /** @visibility frontend */
          user: string;
          /**
           * What the user may do, shown next to their name.
           * @visibility frontend
           */
          description?: string;
        }>;
        /** Allow the provider outside development. Never in production. */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
