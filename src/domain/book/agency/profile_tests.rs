use super::*;

#[test]
fn profiles_are_checked() {
    let mut p = AgencyProfile::default();
    assert!(validate_profile(&p).is_empty());
    p.departments.push(Department::parse("commercial lines").unwrap());
    p.staff.push(StaffMember { name: " ".into(), role: StaffRole::Producer });
    let problems = validate_profile(&p);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("CL") && problems[1].contains("Staff member 1"));
}
