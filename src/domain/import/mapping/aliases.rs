//! The header names each field goes by in the systems agencies export
//! from (normalized: lower case, punctuation as spaces).

use super::*;

impl Field {
    /// Header names (normalized: lower case, words separated by one space)
    /// that mean this field.
    pub(super) fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::ClientName => &[
                "client",
                "client name",
                "customer",
                "customer name",
                "insured",
                "insured name",
                "named insured",
                "account",
                "account name",
                "name",
                "applicant",
                "applicant name",
                "primary insured",
                "contact name",
                "insured s name",
                "client full name",
            ],
            Field::Department => {
                &["department", "dept", "department code", "dept code", "department name", "dept name"]
            }
            Field::Commission => &[
                "commission",
                "commission revenue",
                "agency commission",
                "annual commission",
                "comm",
                "commission amount",
                "revenue",
                "agency revenue",
                "account revenue",
                "total commission",
                "est commission",
                "estimated commission",
                "annualized commission",
                "commission amt",
                "comm amt",
                "agency comm",
                "estimated revenue",
                "est revenue",
            ],
            Field::Premium => &[
                "premium",
                "annual premium",
                "written premium",
                "annualized premium",
                "total premium",
                "prem",
                "full term premium",
                "policy premium",
                "estimated premium",
                "est premium",
                "billed premium",
            ],
            Field::PolicyNumber => {
                &["policy number", "policy no", "policy", "policy num", "pol no", "pol number", "policy id"]
            }
            Field::LineOfBusiness => {
                &["line", "lob", "line of business", "coverage", "policy type", "line of coverage", "coverage type"]
            }
            Field::Carrier => &[
                "carrier",
                "company",
                "insurer",
                "writing company",
                "writing carrier",
                "insurance company",
                "market",
                "issuing company",
                "carrier name",
                "company name",
                "issuing carrier",
            ],
            Field::Effective => {
                &["effective", "effective date", "eff date", "eff", "inception", "inception date", "policy effective"]
            }
            Field::Expiration => &[
                "expiration",
                "expiration date",
                "exp date",
                "exp",
                "x date",
                "xdate",
                "expiry",
                "expiry date",
                "renewal date",
                "policy expiration",
            ],
            Field::Producer => &[
                "producer",
                "producer name",
                "agent",
                "prod",
                "exec",
                "executive",
                "producer 1",
                "primary producer",
                "prod name",
            ],
            Field::ClientManager => &[
                "csr",
                "client manager",
                "account manager",
                "account executive",
                "ae",
                "am",
                "service rep",
                "csr name",
                "rep",
                "account rep",
                "servicer",
                "csr 1",
                "primary csr",
            ],
            Field::ClientAdvocate => {
                &["client advocate", "advocate", "ca", "service assistant", "servicer", "csr 2", "account assistant"]
            }
            Field::ExcessSurplus => {
                &["e&s", "e & s", "es", "surplus", "excess & surplus", "excess and surplus", "surplus lines", "e and s"]
            }
            Field::BillType => {
                &["bill type", "billing", "billing type", "bill method", "billing method", "agency bill", "direct bill"]
            }
            Field::Notes => &["notes", "note", "comments", "remarks"],
            Field::AccountCode => &[
                "customer number",
                "customer no",
                "customer id",
                "customer code",
                "cust number",
                "cust no",
                "cust id",
                "account lookup code",
                "lookup code",
                "account code",
                "account number",
                "account no",
                "account id",
                "client id",
                "client code",
                "client number",
                "client no",
                "insured id",
                "insured number",
                "contact id",
                "applicant id",
            ],
            Field::Status => &["status", "policy status", "pol status", "policy stat", "status code", "policy state"],
            Field::CommissionRate => &[
                "comm %",
                "comm%",
                "commission %",
                "commission%",
                "comm rate",
                "commission rate",
                "comm pct",
                "commission pct",
                "commission percent",
                "commission percentage",
                "agency comm %",
                "agency commission rate",
                "comm percent",
                "agency commission %",
            ],
            Field::Count(k) => k.count_aliases(),
        }
    }
}
