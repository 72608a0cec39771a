export default function EditorScreen({ name }: { name: string | null }) {
  return <p>Editor for {name ?? "a new prompt"} (coming next).</p>;
}
