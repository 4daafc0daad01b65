//! What a field officer is enrolled to do — deliver documents as a POS courier, record with a
//! mobile recording team, or both — and so which work the office may hand them.

coded!(
    /// A field officer's role, set when staff enroll them and changed by staff only.
    FieldRole {
        /// A POS courier: carries BA Pengiriman to citizens' doors.
        Courier = "kurir",
        /// A member of a mobile recording team (pelayanan keliling).
        Recording = "perekam",
        /// Both: a courier who also goes on recording visits.
        Both = "keduanya",
    }
);

/// Work the office hands a field officer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duty {
    /// Holding a BA Pengiriman and delivering its documents.
    Deliver,
    /// Going on a recording visit as a member of its team.
    Record,
}

impl FieldRole {
    /// Whether an officer of this role may be given `duty`. A visit's own BA goes to its team,
    /// so a recording-team member holds one without being a courier.
    pub fn may(self, duty: Duty) -> bool {
        match duty {
            Duty::Deliver => matches!(self, Self::Courier | Self::Both),
            Duty::Record => matches!(self, Self::Recording | Self::Both),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_takes_its_own_work_and_both_takes_all() {
        let may = |role: FieldRole| (role.may(Duty::Deliver), role.may(Duty::Record));
        assert_eq!(may(FieldRole::Courier), (true, false));
        assert_eq!(may(FieldRole::Recording), (false, true));
        assert_eq!(may(FieldRole::Both), (true, true));
    }

    #[test]
    fn codes_read_back_whatever_their_case() {
        for role in FieldRole::ALL {
            assert_eq!(FieldRole::parse(&role.code().to_uppercase()), Some(*role));
        }
        assert_eq!(FieldRole::parse("sopir"), None);
    }
}
