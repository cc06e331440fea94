use super::*;

#[test]
fn profiles_are_checked() {
    let mut p = AgencyProfile::default();
    assert!(validate_profile(&p).is_empty());
    p.departments.push(Department::parse("commercial lines").unwrap());
    p.staff.push(StaffMember::new(" ", StaffRole::Producer));
    let problems = validate_profile(&p);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("CL") && problems[1].contains("Staff member 1"));
}

#[test]
fn a_team_sync_user_name_belongs_to_one_person_and_names_them() {
    let mut p = AgencyProfile::default();
    let mut ann = StaffMember::new("Ann Lee", StaffRole::ClientManager);
    ann.sync_user = Some("ann".into());
    let mut other = StaffMember::new("Ann Other", StaffRole::Producer);
    other.sync_user = Some(" ANN ".into());
    p.staff = vec![ann, other, StaffMember::new("Bo Diaz", StaffRole::Producer)];
    let problems = validate_profile(&p);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("ANN") || problems[0].contains("ann"), "{problems:?}");
    p.staff.remove(1);
    assert!(validate_profile(&p).is_empty());
    assert_eq!(p.person_for("ann"), "Ann Lee");
    assert_eq!(p.person_for("Bo Diaz"), "Bo Diaz", "no sync user name given: the user name itself");
}
