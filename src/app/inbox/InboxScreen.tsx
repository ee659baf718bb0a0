/** PLACEHOLDER (being built): the director's inbox. */
export function InboxScreen() {
  return <h1>Freigaben</h1>;
}
