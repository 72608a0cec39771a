export default function HistoryScreen({ name }: { name: string }) {
  return <p>History of {name} (coming next).</p>;
}
