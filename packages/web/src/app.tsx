import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { SessionProvider, useSession } from "./auth/session-context.js";
import { SignInScreen } from "./auth/sign-in-screen.js";
import { Loading } from "./components/loading.js";
import { AppLayout } from "./layout/app-layout.js";
import { LibraryScreen } from "./library/library-screen.js";
import { promptNameParameter } from "./routes.js";

// The editor (CodeMirror, the template engines, token counting) and history load on first use,
// so the library's JavaScript stays small.
const EditorScreen = lazy(() => import("./editor/editor-screen.js"));
const HistoryScreen = lazy(() => import("./history/history-screen.js"));
const PlaygroundScreen = lazy(() => import("./playground/playground-screen.js"));
const SettingsScreen = lazy(() => import("./settings/settings-screen.js"));
const EvaluationsScreen = lazy(() => import("./evaluations/evaluations-screen.js"));
const EvalRunScreen = lazy(() => import("./evaluations/eval-run-screen.js"));

export function App() {
  return (
    <SessionProvider>
      <Screens />
    </SessionProvider>
  );
}

function Screens() {
  const { state } = useSession();
  if (state.status === "checking") return <Loading what="your session" />;
  if (state.status === "signed-out")
    return <SignInScreen reason={state.reason} localAdminOffered={state.localAdminOffered} />;
  return (
    <AppLayout>
      <Suspense fallback={<Loading what="the screen" />}>
        <Switch>
          <Route path="/" component={LibraryScreen} />
          <Route path="/playground" component={PlaygroundScreen} />
          <Route path="/settings" component={SettingsScreen} />
          <Route path="/evaluations" component={EvaluationsScreen} />
          <Route path="/evaluations/runs/:id">
            {(parameters) => <EvalRunScreen id={promptNameParameter(parameters.id)} />}
          </Route>
          <Route path="/new">{() => <EditorScreen name={null} />}</Route>
          <Route path="/prompts/:name/history">
            {(parameters) => <HistoryScreen name={promptNameParameter(parameters.name)} />}
          </Route>
          <Route path="/prompts/:name">
            {(parameters) => (
              <EditorScreen key={parameters.name} name={promptNameParameter(parameters.name)} />
            )}
          </Route>
          <Route>
            <div className="empty-state">
              <h1>Nothing here</h1>
              <p>
                This address is not a Quire screen. <a href="/">Go to the library</a>.
              </p>
            </div>
          </Route>
        </Switch>
      </Suspense>
    </AppLayout>
  );
}
