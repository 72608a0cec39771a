import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { Compartment, EditorState } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import type { EngineName } from "@quire/core";
import { useEffect, useRef } from "react";
import { templateLanguage } from "./template-language.js";

/** A problem to show in the editor, located by offsets in the text. */
export interface EditorProblem {
  from: number;
  to: number;
  severity: "error" | "warning" | "info";
  message: string;
}

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  engine: EngineName;
  problems: readonly EditorProblem[];
  /** Ctrl/Cmd+S inside the editor. */
  onSave?: () => void;
  label: string;
  testId?: string;
  minHeight?: number;
}

/** CodeMirror 6 with the engine's highlighting and problems (syntax errors, injection warnings) at their place. */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is made once; later props reach it through `latest` and the effects below
  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const created = new EditorView({
      parent,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          lintGutter(),
          syntaxHighlighting(defaultHighlightStyle),
          language.current.of(templateLanguage(props.engine)),
          EditorView.lineWrapping,
          keymap.of([
            {
              key: "Mod-s",
              preventDefault: true,
              run: () => {
                latest.current.onSave?.();
                return true;
              },
            },
            indentWithTab,
            ...defaultKeymap,
            ...historyKeymap,
          ]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ "aria-label": props.label }),
          EditorView.theme({
            "&": { minHeight: `${props.minHeight ?? 280}px`, fontSize: "13px" },
            ".cm-scroller": { fontFamily: "var(--mono)" },
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  // The text changed from outside (another version loaded): replace the document.
  useEffect(() => {
    const current = view.current;
    if (current === null) return;
    const text = current.state.doc.toString();
    if (text !== props.value) {
      current.dispatch({ changes: { from: 0, to: text.length, insert: props.value } });
    }
  }, [props.value]);

  useEffect(() => {
    view.current?.dispatch({
      effects: language.current.reconfigure(templateLanguage(props.engine)),
    });
  }, [props.engine]);

  useEffect(() => {
    const current = view.current;
    if (current === null) return;
    const length = current.state.doc.length;
    const diagnostics: Diagnostic[] = props.problems.map((problem) => ({
      from: Math.min(problem.from, length),
      to: Math.min(Math.max(problem.to, problem.from), length),
      severity: problem.severity,
      message: problem.message,
    }));
    current.dispatch(setDiagnostics(current.state, diagnostics));
  }, [props.problems]);

  return <div ref={host} className="code-editor" data-testid={props.testId} />;
}
