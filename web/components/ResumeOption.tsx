/** One resume as a native radio inside a label: title, status, date and a short summary. */
import type { Resume } from "../../shared/schema";
import { factsLine, formatDate } from "../format";
import { profile as t } from "../text";
import { SkillChips } from "./SkillChips";
import { Spinner } from "./States";

interface Props {
  resume: Resume;
  checked: boolean;
  saving: boolean;
  disabled: boolean;
  onSelect: (hhResumeId: string) => void;
}

export function ResumeOption({ resume, checked, saving, disabled, onSelect }: Props) {
  const { summary } = resume;
  const status = resume.status ? (t.statuses[resume.status] ?? resume.status) : null;
  const facts = factsLine([summary.position === resume.title ? null : summary.position, summary.salary, summary.area]);
  const id = `resume-${resume.hh_resume_id}`;
  return (
    <label class={checked ? "resume resume-checked" : "resume"} for={id}>
      <input
        id={id}
        type="radio"
        name="resume"
        value={resume.hh_resume_id}
        checked={checked}
        disabled={disabled}
        onChange={() => onSelect(resume.hh_resume_id)}
      />
      <span class="resume-body">
        <span class="resume-head">
          <span class="resume-title">{resume.title}</span>
          {saving ? (
            <span class="resume-saving">
              <Spinner /> {t.saving}
            </span>
          ) : checked ? (
            <span class="chip chip-accent">{t.selected}</span>
          ) : null}
        </span>
        <span class="resume-meta">
          {status ? <span class={resume.status === "published" ? "chip chip-ok" : "chip"}>{status}</span> : null}
          <span>{t.updated(formatDate(resume.updated_at))}</span>
        </span>
        {facts ? <span class="resume-facts">{facts}</span> : null}
        <SkillChips skills={summary.skills} limit={6} />
      </span>
    </label>
  );
}
