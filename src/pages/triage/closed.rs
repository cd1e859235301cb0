//! What the triage pages say to whoever may not see notes, or not now.

use crate::components::staff_only::Closed;
use crate::i18n::td_string;

pub const CLOSED: Closed = Closed {
    for_whom: |l| td_string!(l, triage.for_meldpunt),
    sign_in_first: |l| td_string!(l, triage.sign_in_first),
    no_access: |l| td_string!(l, triage.coordinators_only),
    offline: |l| td_string!(l, triage.offline),
    offline_more: |l| td_string!(l, triage.offline_more),
    offline_test_id: Some("triage-offline"),
};
