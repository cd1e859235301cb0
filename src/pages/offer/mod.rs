//! Keeping the catalogue current, in the staff bundle. `/medewerkers/aanbod` (`mine`):
//! an organiser's own activities, where each of her changes stands, "Klopt dit nog?"
//! and a conflict's two versions (`conflict`). `/medewerkers/aanbod/:id` (`form`): a
//! new or changed activity, also offline. `/medewerkers/redactie` (`editors`): the
//! queue, the stale list, and an activity's history with revert.
//! `/medewerkers/organisatie-aanmelden` (`organisation`): a partner not yet in Omzien.
//!
//! Every change travels through the outbox like a sign-up, so an organiser without
//! signal loses nothing; reading lists and publishing need a connection.

pub mod conflict;
pub mod editors;
pub mod form;
pub mod mine;
pub mod organisation;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::staff_only::StaffAccess;
use crate::i18n::{t_string, use_i18n};

/// What a page of this section says to someone it is not for. Offline is no reason:
/// these pages work without a connection as far as they can.
fn closed(access: &StaffAccess) -> Option<AnyView> {
    let i18n = use_i18n();
    match access {
        StaffAccess::SignedOut => Some(
            view! {
                <p class="utrecht-alert utrecht-alert--info notice next-links">{move || t_string!(i18n, offer.for_whom)}" "
                <A href="/medewerkers">{move || t_string!(i18n, offer.sign_in_first)}</A>"."</p>
            }
            .into_any(),
        ),
        StaffAccess::NoAccess => Some(
            view! { <p class="utrecht-alert utrecht-alert--info notice">{move || t_string!(i18n, offer.no_access)}</p> }.into_any(),
        ),
        StaffAccess::Offline | StaffAccess::Open(_) => None,
    }
}
