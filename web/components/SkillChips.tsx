/** Skills as chips (a resume's, a vacancy's), at most `limit` of them. A span, so it may sit inside a label. */
export function SkillChips({ skills, limit }: { skills: string[]; limit: number }) {
  if (!skills.length) return null;
  return (
    <span class="chips">
      {skills.slice(0, limit).map((skill) => (
        <span key={skill} class="chip chip-skill">
          {skill}
        </span>
      ))}
    </span>
  );
}
