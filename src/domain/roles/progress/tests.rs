use super::*;
use crate::domain::roles::library::RoleLibrary;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn stamp(by: &str) -> Stamp<'_> {
    Stamp { by, on: d(2026, 11, 2), at: "2026-11-02T15:00:00Z" }
}

fn role() -> Role {
    RoleLibrary::original().role("Client Manager").unwrap().clone()
}

/// The trainer watches the trainee do the item, then verifies it.
fn observe_and_verify(p: &mut Progress, role: &Role, key: &str, note: &str, stamp: &Stamp) {
    p.set_status(role, key, Status::Observed, stamp).unwrap();
    p.verify(role, key, note, stamp).unwrap();
}

#[test]
fn status_check_and_verification_are_recorded_with_name_and_date() {
    let role = role();
    let key = role.tasks[0].levels.meeting.items[2].key.clone();
    let mut p = Progress::default();
    p.set_status(&role, &key, Status::Learning, &stamp("Elena")).unwrap();
    p.set_status(&role, &key, Status::Learning, &stamp("Elena")).unwrap();
    p.self_check(&role, &key, true, &stamp("Avery")).unwrap();
    p.set_status(&role, &key, Status::Observed, &stamp("Elena")).unwrap();
    p.verify(&role, &key, "Watched her delegate a billing task", &stamp("Elena")).unwrap();
    let item = p.item(&key);
    assert_eq!(item.status, Status::Observed);
    assert_eq!(item.self_check.as_ref().unwrap().by, "Avery");
    assert_eq!(
        item.verified,
        Some(SignOff { by: "Elena".into(), on: d(2026, 11, 2), note: "Watched her delegate a billing task".into() })
    );
    assert_eq!(p.history.len(), 4, "a status set twice is recorded once");
    assert_eq!(p.history[0].what, "Status Not started → Learning");
    assert!(p.history.iter().all(|e| e.level == Some(Level::Meeting)));
    assert!(p.verify(&role, &key, "", &stamp("Elena")).is_err(), "already verified");
    assert!(
        p.verify(&role, &role.tasks[0].levels.new.items[0].key, "", &stamp(" "))
            .unwrap_err()
            .contains("trainer's name")
    );
}

#[test]
fn only_an_item_seen_by_the_trainer_can_be_verified_and_it_stays_so() {
    let role = role();
    let key = role.tasks[2].levels.new.items[0].key.clone();
    let mut p = Progress::default();
    for status in [Status::NotStarted, Status::Learning] {
        p.set_status(&role, &key, status, &stamp("Elena")).unwrap();
        let err = p.verify(&role, &key, "", &stamp("Elena")).unwrap_err();
        assert!(err.contains("Observed") && err.contains(status.label()), "{err}");
        assert!(p.item(&key).verified.is_none());
        assert_eq!(not_verifiable_reason(status), Some(err));
    }
    let history = p.history.len();
    p.set_status(&role, &key, Status::Observed, &stamp("Elena")).unwrap();
    p.verify(&role, &key, "", &stamp("Elena")).unwrap();
    assert_eq!(p.history.len(), history + 2, "refusals leave no trace");
    // While verified the status moves between Observed and Independent only.
    p.set_status(&role, &key, Status::Independent, &stamp("Elena")).unwrap();
    assert!(
        p.set_status(&role, &key, Status::Learning, &stamp("Elena")).unwrap_err().contains("undo the verification")
    );
    assert_eq!(p.item(&key).status, Status::Independent);
    p.unverify(&role, &key, "Needs another look", &stamp("Elena")).unwrap();
    p.set_status(&role, &key, Status::Learning, &stamp("Elena")).unwrap();
    assert!(Status::Independent.verifiable() && !Status::Learning.verifiable());
}

#[test]
fn training_activities_are_marked_done_with_name_and_date_and_undone() {
    let role = role();
    let task = &role.tasks[1]; // three training activities
    assert_eq!(task.training_activities().count(), 3);
    let mut p = Progress::default();
    assert!(p.mark_activity(&role, &task.key, 2, true, &stamp(" ")).unwrap_err().contains("name"));
    assert!(p.mark_activity(&role, &task.key, 4, true, &stamp("Elena")).unwrap_err().contains("no longer listed"));
    assert!(p.mark_activity(&role, "gone", 1, true, &stamp("Elena")).unwrap_err().contains("no longer part"));
    assert!(p.history.is_empty());
    p.mark_activity(&role, &task.key, 2, true, &stamp("Elena")).unwrap();
    p.mark_activity(&role, &task.key, 2, true, &stamp("Elena")).unwrap();
    let done = p.activity_done(&task.key, 2).unwrap();
    assert_eq!((done.by.as_str(), done.on), ("Elena", d(2026, 11, 2)));
    assert_eq!(done.activity, task.training_activity(2).unwrap());
    assert!(p.activity_done(&task.key, 1).is_none());
    assert_eq!(p.activity_count(task), (1, 3));
    assert_eq!(p.history.len(), 1, "marking twice is recorded once");
    assert!(p.history[0].what.starts_with("Training activity done: Find a mentor"));
    // The same activity of another task is its own.
    assert!(p.activity_done(&role.tasks[4].key, 2).is_none());
    p.mark_activity(&role, &task.key, 2, false, &stamp("Sam")).unwrap();
    assert!(p.activity_done(&task.key, 2).is_none());
    assert!(p.history[1].what.contains("recorded by Elena on Nov 2, 2026"));
    assert_eq!(p.history[1].by, "Sam");
    // Records of earlier versions have no activities; empty ones are not written.
    let text = serde_json::to_string(&p).unwrap();
    assert!(!text.contains("activities"));
    let old: Progress = serde_json::from_str(r#"{"items":{},"levels":[],"history":[]}"#).unwrap();
    assert_eq!(old, Progress::default());
    p.mark_activity(&role, &task.key, 3, true, &stamp("Elena")).unwrap();
    let back: Progress = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(back, p);
}

#[test]
fn undoing_a_verification_needs_a_reason_and_is_kept_in_history() {
    let role = role();
    let key = role.tasks[1].levels.new.items[0].key.clone();
    let mut p = Progress::default();
    observe_and_verify(&mut p, &role, &key, "", &stamp("Elena"));
    assert!(p.unverify(&role, &key, "  ", &stamp("Elena")).unwrap_err().contains("reason"));
    assert!(p.item(&key).verified.is_some());
    p.unverify(&role, &key, "Signed the wrong item", &stamp("Elena")).unwrap();
    assert!(p.item(&key).verified.is_none());
    let last = p.history.last().unwrap();
    assert_eq!(last.reason.as_deref(), Some("Signed the wrong item"));
    assert!(last.what.contains("Elena on Nov 2, 2026"));
    assert!(p.unverify(&role, &key, "again", &stamp("Elena")).is_err());
}

#[test]
fn a_signed_off_level_is_locked_until_reopened_with_a_reason() {
    let role = role();
    let mut p = Progress::default();
    let new_items: Vec<String> = role.items_at(Level::New).map(|(_, i)| i.key.clone()).collect();
    let err = p.sign_off_level(&role, Level::New, "", &stamp("Elena")).unwrap_err();
    assert!(err.starts_with(&format!("{} items", new_items.len())), "{err}");
    for k in &new_items {
        observe_and_verify(&mut p, &role, k, "", &stamp("Elena"));
    }
    p.sign_off_level(&role, Level::New, "Good start", &stamp("Elena")).unwrap();
    assert_eq!(p.level_sign_off(Level::New).unwrap().note, "Good start");
    assert!(p.set_status(&role, &new_items[0], Status::Independent, &stamp("Elena")).unwrap_err().contains("locked"));
    assert!(p.unverify(&role, &new_items[0], "oops", &stamp("Elena")).unwrap_err().contains("locked"));
    // Other levels stay open.
    let meeting = role.tasks[0].levels.meeting.items[0].key.clone();
    p.set_status(&role, &meeting, Status::Learning, &stamp("Elena")).unwrap();
    assert!(p.reopen_level(Level::New, "", &stamp("Elena")).is_err());
    p.reopen_level(Level::New, "Needs more practice on forms", &stamp("Elena")).unwrap();
    p.set_status(&role, &new_items[0], Status::Independent, &stamp("Elena")).unwrap();
    assert!(p.history.iter().any(|e| e.reason.as_deref() == Some("Needs more practice on forms")));
}

#[test]
fn figures_count_self_checks_and_verifications_per_task_level_and_role() {
    let role = role();
    let mut p = Progress::default();
    let task = &role.tasks[0]; // 1 + 5 + 2 items
    for i in &task.levels.meeting.items[..2] {
        p.self_check(&role, &i.key, true, &stamp("Avery")).unwrap();
    }
    observe_and_verify(&mut p, &role, &task.levels.meeting.items[0].key, "", &stamp("Elena"));
    let f = p.task_figures(task, Some(Level::Meeting));
    assert_eq!((f.items, f.self_checked, f.verified), (5, 2, 1));
    assert_eq!((f.self_percent(), f.verified_percent()), (40, 20));
    let all = p.task_figures(task, None);
    assert_eq!(all.items, 8);
    assert_eq!(all.text(), "Self-checked 25% · Verified 12%");
    let overall = p.overall(&role);
    assert_eq!(overall.items, role.items().count());
    assert_eq!(p.level_figures(&role, Level::Meeting).verified, 1);
    assert_eq!(Figures::default().self_percent(), 0);
}

#[test]
fn behind_schedule_items_are_those_of_ended_levels_not_yet_verified() {
    let role = role();
    let start = d(2026, 3, 15);
    let mut p = Progress::default();
    // The new-in-role period ends on Jun 14; on that day nothing is behind.
    assert!(p.behind(&role, start, d(2026, 6, 14)).is_empty());
    let new_count = role.items_at(Level::New).count();
    assert_eq!(p.behind(&role, start, d(2026, 6, 15)).len(), new_count);
    let first = role.tasks[0].levels.new.items[0].key.clone();
    observe_and_verify(&mut p, &role, &first, "", &stamp("Elena"));
    assert_eq!(p.behind(&role, start, d(2026, 6, 15)).len(), new_count - 1);
    // After month 6 the meeting level's items join; exceeding is ongoing.
    let meeting_count = role.items_at(Level::Meeting).count();
    assert_eq!(p.behind(&role, start, d(2027, 6, 1)).len(), new_count - 1 + meeting_count);
}

#[test]
fn level_reached_needs_every_lower_level_done() {
    let role = role();
    let task = &role.tasks[0];
    let mut p = Progress::default();
    assert_eq!(p.level_reached(task, false), None);
    for (_, i) in task.items().filter(|(l, _)| *l != Level::New) {
        p.self_check(&role, &i.key, true, &stamp("Avery")).unwrap();
    }
    assert_eq!(p.level_reached(task, false), None, "new-in-role is not done");
    p.self_check(&role, &task.levels.new.items[0].key, true, &stamp("Avery")).unwrap();
    assert_eq!(p.level_reached(task, false), Some(Level::Exceeding));
    assert_eq!(p.level_reached(task, true), None);
}

#[test]
fn levels_without_items_are_never_reached_and_hold_nothing_back() {
    let ca = RoleLibrary::original().role("Client Advocate").unwrap().clone();
    let acumen = ca.tasks.iter().find(|t| t.title == "Build Technical Acumen").unwrap();
    assert!(
        acumen.levels.new.items.is_empty()
            && acumen.levels.meeting.items.is_empty()
            && acumen.levels.new.note.is_some()
    );
    let mut p = Progress::default();
    assert_eq!(p.level_reached(acumen, false), None, "a new trainee has reached nothing");
    assert_eq!(p.level_reached(acumen, true), None);
    let items: Vec<String> = acumen.levels.exceeding.items.iter().map(|i| i.key.clone()).collect();
    for k in &items[..2] {
        p.self_check(&ca, k, true, &stamp("Maya")).unwrap();
        observe_and_verify(&mut p, &ca, k, "", &stamp("Jordan"));
    }
    assert_eq!(p.level_reached(acumen, false), None, "one exceeding item is open");
    p.self_check(&ca, &items[2], true, &stamp("Maya")).unwrap();
    assert_eq!(p.level_reached(acumen, false), Some(Level::Exceeding));
    assert_eq!(p.level_reached(acumen, true), None);
    observe_and_verify(&mut p, &ca, &items[2], "", &stamp("Jordan"));
    assert_eq!(p.level_reached(acumen, true), Some(Level::Exceeding));
    // An empty level in the middle is skipped, not counted.
    let mut task = ca.tasks[0].clone();
    task.levels.meeting.items.clear();
    let mut q = Progress::default();
    for i in &task.levels.new.items {
        q.items.entry(i.key.clone()).or_default().self_check =
            Some(SignOff { by: "Maya".into(), on: d(2026, 11, 2), note: String::new() });
    }
    assert_eq!(q.level_reached(&task, false), Some(Level::New));
    let mut empty = task.clone();
    empty.levels.new.items.clear();
    empty.levels.exceeding.items.clear();
    assert_eq!(Progress::default().level_reached(&empty, false), None, "a task with no items at all reaches nothing");
}

#[test]
fn items_removed_from_the_library_are_refused_not_recorded() {
    let role = role();
    let mut p = Progress::default();
    assert!(p.set_status(&role, "gone", Status::Learning, &stamp("Elena")).unwrap_err().contains("no longer part"));
    assert!(p.history.is_empty());
}
