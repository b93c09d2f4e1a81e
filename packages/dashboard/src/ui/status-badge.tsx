/** A trial's or experiment's status as a coloured badge. */

/** The status text in a badge whose colour follows the status. */
export function StatusBadge({ status, testId }: { readonly status: string; readonly testId?: string }) {
  return (
    <span class={`badge status-${status.toLowerCase()}`} data-testid={testId}>
      {status}
    </span>
  );
}
