/** PLACEHOLDER (being built): verify and import bundles. */
export function VerifyScreen() {
  return <h1>Prüfen &amp; Importieren</h1>;
}
