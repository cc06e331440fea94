//! The figures drawn from a trainee's progress: self-checked and verified
//! shares, items behind schedule, and the level reached on a task.

use super::*;

impl Progress {
    /// The two figures over `items`.
    pub fn figures<'a>(&self, items: impl Iterator<Item = &'a Item>) -> Figures {
        let mut f = Figures::default();
        for item in items {
            let p = self.item(&item.key);
            f.items += 1;
            f.self_checked += usize::from(p.self_check.is_some());
            f.verified += usize::from(p.verified.is_some());
        }
        f
    }

    /// Figures of one task (every level, or one).
    pub fn task_figures(&self, task: &Task, level: Option<Level>) -> Figures {
        match level {
            Some(l) => self.figures(task.level(l).items.iter()),
            None => self.figures(task.items().map(|(_, i)| i)),
        }
    }

    /// Figures of one level of a role.
    pub fn level_figures(&self, role: &Role, level: Level) -> Figures {
        self.figures(role.items_at(level).map(|(_, i)| i))
    }

    /// Figures over the whole role.
    pub fn overall(&self, role: &Role) -> Figures {
        self.figures(role.items().map(|(_, _, i)| i))
    }

    /// Items behind schedule on `as_of`: items of a level whose period
    /// ended before `as_of` that the trainer has not verified.
    pub fn behind<'r>(&self, role: &'r Role, start: NaiveDate, as_of: NaiveDate) -> Vec<(&'r Task, Level, &'r Item)> {
        role.items()
            .filter(|(_, level, item)| {
                level_due(start, *level).is_some_and(|due| due < as_of) && self.item(&item.key).verified.is_none()
            })
            .collect()
    }

    /// The highest level of `task` reached in order: every item of it and
    /// of the levels below is self-checked (`verified`: verified). A level
    /// without items asks nothing: it is never reached itself and does not
    /// hold the levels above back.
    pub fn level_reached(&self, task: &Task, verified: bool) -> Option<Level> {
        let mut reached = None;
        for level in Level::ALL {
            let items = &task.level(level).items;
            if items.is_empty() {
                continue;
            }
            let done = items.iter().all(|i| {
                let p = self.item(&i.key);
                if verified { p.verified.is_some() } else { p.self_check.is_some() }
            });
            if !done {
                break;
            }
            reached = Some(level);
        }
        reached
    }
}
