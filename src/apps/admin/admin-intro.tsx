/** What /admin/ says before it knows who is asking (and all it says without JavaScript). */
export function AdminIntro() {
  return (
    <>
      <h1>Administration</h1>
      <p>
        Site administrators review claims to manage NGO pages and reported posts here. This page needs JavaScript and an
        administrator account.
      </p>
    </>
  );
}
