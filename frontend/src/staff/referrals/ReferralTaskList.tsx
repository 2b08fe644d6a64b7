import { Tag, TaskList } from '../../components/govuk';
import { SECTIONS, sectionStatus, type FormValues } from './referralForm';

const STATUS = {
  completed: <>Completed</>,
  in_progress: <Tag colour="light-blue">In progress</Tag>,
  not_started: <Tag colour="blue">Not yet started</Tag>,
};

/** Which sections of the form are complete; a section the API says has a problem is flagged. */
export function ReferralTaskList({ values, problemSections = [] }: { values: FormValues; problemSections?: string[] }) {
  const done = SECTIONS.filter((s) => sectionStatus(s, values) === 'completed').length;
  return (
    <>
      <p className="govuk-body">
        You have completed {done} of {SECTIONS.length} sections.
      </p>
      <TaskList
        tasks={SECTIONS.map((section) => ({
          title: section.title,
          href: `#section-${section.id}`,
          status: problemSections.includes(section.id) ? <Tag colour="red">There is a problem</Tag> : STATUS[sectionStatus(section, values)],
        }))}
      />
    </>
  );
}
