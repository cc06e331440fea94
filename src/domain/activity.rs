//! The agency's processes (renewal, new business, endorsement, ...): what an
//! account's yearly activity is counted in, what an import's count columns
//! are called, and what the profitability method times.

use serde::{Deserialize, Serialize};

/// The processes the method names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ProcessKind {
    Renewal,
    NewBusiness,
    Endorsement,
    NonRenewal,
    Cancellation,
    Audit,
    Certificate,
    BidBond,
    Claim,
}

impl ProcessKind {
    pub const ALL: [ProcessKind; 9] = [
        ProcessKind::Renewal,
        ProcessKind::NewBusiness,
        ProcessKind::Endorsement,
        ProcessKind::NonRenewal,
        ProcessKind::Cancellation,
        ProcessKind::Audit,
        ProcessKind::Certificate,
        ProcessKind::BidBond,
        ProcessKind::Claim,
    ];

    /// The processes an imported file may count per account: all but
    /// renewals, which come from the account's policies.
    pub fn counted() -> impl Iterator<Item = ProcessKind> {
        ProcessKind::ALL.into_iter().filter(|k| *k != ProcessKind::Renewal)
    }

    /// Position in [`ProcessKind::ALL`].
    pub fn index(self) -> usize {
        ProcessKind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    /// The column name of the yearly count in the book CSV.
    pub fn count_column(self) -> &'static str {
        match self {
            ProcessKind::Renewal => "renewals",
            ProcessKind::NewBusiness => "new_business",
            ProcessKind::Endorsement => "endorsements",
            ProcessKind::NonRenewal => "non_renewals",
            ProcessKind::Cancellation => "cancellations",
            ProcessKind::Audit => "audits",
            ProcessKind::Certificate => "certificates",
            ProcessKind::BidBond => "bid_bonds",
            ProcessKind::Claim => "claims",
        }
    }

    /// Header names (normalized) of a yearly count column in AMS reports.
    pub fn count_aliases(self) -> &'static [&'static str] {
        match self {
            ProcessKind::Renewal => &[],
            ProcessKind::NewBusiness => {
                &["new business", "new business count", "new policies", "new business per year"]
            }
            ProcessKind::Endorsement => {
                &["endorsements", "endorsement count", "endorsements per year", "endts", "changes", "policy changes"]
            }
            ProcessKind::NonRenewal => &["non renewals", "nonrenewals", "non renewal count", "non renewals per year"],
            ProcessKind::Cancellation => &["cancellations", "cancellation count", "cancels", "cancellations per year"],
            ProcessKind::Audit => &["audits", "audit count", "audits per year"],
            ProcessKind::Certificate => &[
                "certificates",
                "certificate count",
                "certs",
                "certificates issued",
                "certificates per year",
                "evidence",
                "certificates evidence",
            ],
            ProcessKind::BidBond => &["bid bonds", "bid bond count", "bonds", "bid bonds per year"],
            ProcessKind::Claim => &["claims", "claim count", "claims per year", "number of claims"],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProcessKind::Renewal => "Renewal",
            ProcessKind::NewBusiness => "New business",
            ProcessKind::Endorsement => "Endorsement",
            ProcessKind::NonRenewal => "Non-renewal",
            ProcessKind::Cancellation => "Cancellation",
            ProcessKind::Audit => "Audit",
            ProcessKind::Certificate => "Certificate / evidence",
            ProcessKind::BidBond => "Bid bond",
            ProcessKind::Claim => "Claim",
        }
    }
}
