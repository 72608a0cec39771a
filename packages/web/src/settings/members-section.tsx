import { type Member, type Role, roles } from "@quire/core";
import { useState } from "react";
import { useRequest } from "../api/use-request.js";
import { useClient, useSession } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";
import { RelativeTime } from "../components/relative-time.js";

/** Members of the project and their roles: add someone, change a role. */
export function MembersSection() {
  const client = useClient();
  const session = useSession();
  // The server's local admin session (no accounts yet) ends when the first member is added.
  const localAdmin =
    session.state.status === "signed-in" && session.state.me.name === localAdminName;
  const [sessionEnded, setSessionEnded] = useState(false);
  const members = useRequest((signal) => client.listMembers({ signal }), [client]);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ context: string; error: unknown } | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const add = async () => {
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const member = await client.setMember({
        email: email.trim(),
        role,
        ...(name.trim() === "" ? {} : { name: name.trim() }),
        ...(password === "" ? {} : { password }),
      });
      setAdded(`${member.email} is now ${article(member.role)} ${member.role}.`);
      setEmail("");
      setName("");
      setPassword("");
      if (localAdmin) setSessionEnded(true);
      else members.reload();
    } catch (caught) {
      setError({ context: "Adding the member", error: caught });
    } finally {
      setBusy(false);
    }
  };
  const changeRole = async (member: Member, next: Role) => {
    setError(null);
    setAdded(null);
    try {
      await client.setMember({ email: member.email, role: next });
      setAdded(`${member.email} is now ${article(next)} ${next}.`);
      members.reload();
    } catch (caught) {
      setError({ context: `Changing ${member.email}'s role`, error: caught });
    }
  };

  return (
    <section className="settings-section" id="members" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <p className="hint">
        Viewers read; editors save versions and run; publishers also move protected labels such as
        production; admins manage keys and members. Once someone has an account, everyone signs in.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <div className="field">
          <label htmlFor="member-email">Email</label>
          <input
            id="member-email"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="member-name">Name</label>
          <input id="member-name" value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="member-password">Password (new users)</label>
          <input
            id="member-password"
            type="password"
            autoComplete="new-password"
            minLength={12}
            aria-describedby="member-password-hint"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <span className="field-hint" id="member-password-hint">
            At least 12 characters; not needed for someone who already has an account.
          </span>
        </div>
        <div className="field">
          <label htmlFor="member-role">Role</label>
          <select
            id="member-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {roles.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy || email.trim() === ""}>
          Add member
        </button>
      </form>
      {added === null ? null : (
        <p className="success" role="status">
          {added}
        </p>
      )}
      {sessionEnded ? (
        <div className="notice" role="status">
          <p>
            The local admin session has ended: now that an account exists, everyone signs in. Sign
            in with an admin's email and password to go on.
          </p>
          <button type="button" className="primary" onClick={() => void session.signOut()}>
            Sign in
          </button>
        </div>
      ) : localAdmin ? (
        <p className="notice">
          You are using the local admin session. Adding the first member ends it: add yourself as an
          admin (with a password) first, then sign in with that account.
        </p>
      ) : null}
      {error === null ? null : <ErrorMessage error={error.error} context={error.context} />}
      {sessionEnded ? null : members.status === "failed" ? (
        <ErrorMessage
          error={members.error}
          context="Loading the members"
          onRetry={members.reload}
        />
      ) : members.value === undefined ? (
        <Loading what="the members" />
      ) : members.value.items.length === 0 ? (
        <p className="hint">No members yet.</p>
      ) : (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {members.value.items.map((member) => (
              <tr key={member.userId}>
                <td>{member.name === "" ? member.email : `${member.name} · ${member.email}`}</td>
                <td>
                  <label htmlFor={`role-${member.userId}`} className="visually-hidden">
                    Role of {member.email}
                  </label>
                  <select
                    id={`role-${member.userId}`}
                    value={member.role}
                    onChange={(event) => void changeRole(member, event.target.value as Role)}
                  >
                    {roles.map((choice) => (
                      <option key={choice} value={choice}>
                        {choice}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <RelativeTime iso={member.since} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The name the server gives the local admin session (no accounts yet, same machine). */
const localAdminName = "local-admin";

function article(role: Role): string {
  return role === "admin" || role === "editor" ? "an" : "a";
}
