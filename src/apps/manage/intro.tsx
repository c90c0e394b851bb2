/** What /manage/ says before it knows who is asking (and all it says without JavaScript). */
export function ManageIntro() {
  return (
    <>
      <h1>Manage an NGO page</h1>
      <p>
        Managers of an NGO page post news and volunteering opportunities and see who signed up. This page needs
        JavaScript and a signed-in account.
      </p>
    </>
  );
}

/** Managers add each other by user id: each person finds theirs here. */
export function YourUserId({ id }: { id: string }) {
  return (
    <p class="muted">
      Your user id (to be added as a manager): <code>{id}</code>
    </p>
  );
}
