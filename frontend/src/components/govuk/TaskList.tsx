import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';

export interface Task {
  title: string;
  href?: string;
  hint?: ReactNode;
  status: ReactNode;
}

export function TaskList({ tasks }: { tasks: Task[] }) {
  const prefix = useId();
  return (
    <ul className="govuk-task-list">
      {tasks.map((task, i) => {
        const statusId = `${prefix}-${i}-status`;
        const hintId = task.hint ? `${prefix}-${i}-hint` : undefined;
        return (
          <li key={task.title} className={`govuk-task-list__item${task.href ? ' govuk-task-list__item--with-link' : ''}`}>
            <div className="govuk-task-list__name-and-hint">
              {task.href?.startsWith('#') ? (
                <a className="govuk-link govuk-task-list__link" href={task.href} aria-describedby={[hintId, statusId].filter(Boolean).join(' ')}>
                  {task.title}
                </a>
              ) : task.href ? (
                <Link className="govuk-link govuk-task-list__link" to={task.href} aria-describedby={[hintId, statusId].filter(Boolean).join(' ')}>
                  {task.title}
                </Link>
              ) : (
                <div>{task.title}</div>
              )}
              {task.hint && (
                <div id={hintId} className="govuk-task-list__hint">
                  {task.hint}
                </div>
              )}
            </div>
            <div className="govuk-task-list__status" id={statusId}>
              {task.status}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
