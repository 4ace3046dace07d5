type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A change of a GameDay, pushed on `nt-infra:run:<id>` so the timeline refreshes at once. */
export interface RunChangeMessage {
  [key: string]: JsonValue;
}

/**
 * The part of `SignalsService` (`@backstage/plugin-signals-node`) the
 * GameDays use, written structurally so the plugin takes on that dependency
 * only when the lead wires `signalsServiceRef`; the real service fits it.
 */
export interface RunSignals {
  publish(signal: {
    recipients: { type: 'broadcast' };
    channel: string;
    message: RunChangeMessage;
  }): Promise<void>;
}
