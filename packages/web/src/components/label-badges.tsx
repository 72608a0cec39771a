/** A prompt's labels as badges: production and staging first, each with its version. */
export function LabelBadges({ labels }: { labels: Record<string, number> }) {
  const entries = Object.entries(labels).sort(
    ([left], [right]) => rank(left) - rank(right) || left.localeCompare(right),
  );
  if (entries.length === 0) return null;
  return (
    <span className="label-badges">
      {entries.map(([label, version]) => (
        <span
          key={label}
          className={`badge badge-${badgeKind(label)}`}
          title={`${label} → version ${version}`}
        >
          {label} v{version}
        </span>
      ))}
    </span>
  );
}

function rank(label: string): number {
  if (label === "production") return 0;
  if (label === "staging") return 1;
  return 2;
}

function badgeKind(label: string): string {
  return label === "production" || label === "staging" ? label : "custom";
}
