import { useSession } from "../auth/session-context.js";
import { ApiKeysSection } from "./api-keys-section.js";
import { MembersSection } from "./members-section.js";
import { ProjectSection } from "./project-section.js";
import { ProvidersSection } from "./providers-section.js";
import "./settings.css";

/**
 * Settings: API keys and members (admins), the project's settings, and the model providers the
 * server has.
 */
export default function SettingsScreen() {
  const { state } = useSession();
  const admin = state.status === "signed-in" && state.me.role === "admin";
  return (
    <section className="settings" aria-labelledby="settings-title">
      <header className="screen-header">
        <h1 id="settings-title">Settings</h1>
        <p className="count">
          {state.status === "signed-in" ? `Project “${state.me.projectId}”` : ""}
        </p>
      </header>
      <nav className="settings-toc" aria-label="Settings sections">
        <a href="#api-keys">API keys</a>
        <a href="#members">Members</a>
        <a href="#project">Project</a>
        <a href="#providers">Model providers</a>
      </nav>
      {admin ? (
        <>
          <ApiKeysSection />
          <MembersSection />
        </>
      ) : (
        <p className="notice">
          API keys and members are managed by the project's admins; ask one to change them.
        </p>
      )}
      <ProjectSection admin={admin} />
      <ProvidersSection />
    </section>
  );
}
