/** The page for what is not there: an unknown trial id or route. Never a blank page. */

/** Says what was asked for and where to go instead. */
export function NotFound({ message }: { readonly message: string }) {
  return (
    <section class="panel not-found" data-testid="not-found">
      <h2>Not found</h2>
      <p>{message}</p>
      <p>
        <a href="#/trials">All trials</a> · <a href="#/">Overview</a>
      </p>
    </section>
  );
}
