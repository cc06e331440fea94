//! Training activities marked done, with who recorded them and when.

use super::*;

impl Progress {
    /// The record of a training activity marked done, if it is.
    pub fn activity_done(&self, task_key: &str, number: usize) -> Option<&ActivityDone> {
        self.activities.iter().find(|a| a.task == task_key && a.number == number)
    }

    /// Marks training activity `number` of task `task_key` done (`done`)
    /// or not done, recorded with the name and date of `stamp`.
    pub fn mark_activity(
        &mut self,
        role: &Role,
        task_key: &str,
        number: usize,
        done: bool,
        stamp: &Stamp,
    ) -> Result<(), String> {
        let task = role
            .tasks
            .iter()
            .find(|t| t.key == task_key)
            .ok_or_else(|| format!("This task is no longer part of the {} role.", role.name))?;
        let activity = task
            .training_activity(number)
            .ok_or_else(|| format!("This training activity is no longer listed under \"{}\".", task.title))?
            .to_string();
        if stamp.by.trim().is_empty() {
            return Err("Enter your name (\"Signing as\") before recording a training activity: it is recorded with the name and date.".into());
        }
        if self.activity_done(task_key, number).is_some() == done {
            return Ok(());
        }
        let what = if done {
            self.activities.push(ActivityDone {
                task: task_key.to_string(),
                number,
                activity: activity.clone(),
                by: stamp.by.trim().to_string(),
                on: stamp.on,
            });
            self.activities.sort_by(|a, b| (&a.task, a.number).cmp(&(&b.task, b.number)));
            format!("Training activity done: {activity}")
        } else {
            let previous = self
                .activities
                .iter()
                .position(|a| a.task == task_key && a.number == number)
                .map(|i| self.activities.remove(i));
            match previous {
                Some(p) => format!(
                    "Training activity marked not done (recorded by {} on {}): {activity}",
                    p.by,
                    p.on.format("%b %-d, %Y")
                ),
                None => return Ok(()),
            }
        };
        self.record(stamp, None, None, what, None);
        Ok(())
    }

    /// Training activities of `task` done, and listed.
    pub fn activity_count(&self, task: &Task) -> (usize, usize) {
        let all = task.training_activities().count();
        let done = task.training_activities().filter(|(n, _)| self.activity_done(&task.key, *n).is_some()).count();
        (done, all)
    }
}
