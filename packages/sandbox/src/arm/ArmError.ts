/** An ARM error answer: HTTP status plus the `{"error":{"code","message"}}` body. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: { code: string; message: string } },
  ) {
    super(body.error.message);
  }

  static from([status, body]: readonly [
    number,
    { error: { code: string; message: string } },
  ]): ArmError {
    return new ArmError(status, body);
  }
}
