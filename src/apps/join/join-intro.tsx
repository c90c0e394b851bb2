/** What /join/ says first; `fallback`: all it says without JavaScript. */
export function JoinIntro({ fallback = false }: { fallback?: boolean }) {
  return (
    <>
      <h1>Add your NGO</h1>
      <p>
        Jumo lists organisations from the public registers it imports. If yours is not there, whatever country it is in
        and whether or not it is on a register, someone who works there can propose it: its name, country, register and
        number (or none), website and mission, with your role and work email. We send a link to that address to confirm
        it, an administrator checks the organisation against the directory, and once approved you manage its page.
      </p>
      {fallback && <p>This page needs JavaScript and a signed-in account.</p>}
    </>
  );
}
