//! The one guard of the staff pages (`/meldpunt`, `/medewerkers/logboek`): they show
//! themselves only to a signed-in staff member with the right role, and only online
//! (notes and the audit log never rest on a staff device). Otherwise a line says why,
//! in the page's own words.
//!
//! ```ignore
//! <StaffOnly need=Role::can_read_audit words=CLOSED let:session>
//!     <AuditLogView token=session.token />
//! </StaffOnly>
//! ```

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::staff::Role;

use crate::i18n::{use_i18n, Locale};
use crate::state::contexts::use_network;
use crate::state::contexts::use_session;
use crate::store::StaffSession;

/// Whether a staff page can show itself to whoever uses this device now.
#[derive(Clone, Debug, PartialEq)]
pub enum StaffAccess {
    /// Nobody is signed in, or the session has ended.
    SignedOut,
    /// Signed in, with a role the page is not for.
    NoAccess,
    /// The right role, but no connection.
    Offline,
    /// The right role, online: the page may show itself.
    Open(StaffSession),
}

impl StaffAccess {
    /// Whether the one signed in may see the page at all, connection or not.
    pub fn allowed(&self) -> bool {
        matches!(self, StaffAccess::Offline | StaffAccess::Open(_))
    }
}

/// The access to a page for the roles `need` lets in. Pages redraw only when it really
/// changes: the sync loop sets the session and the connection again each round.
pub fn staff_access(need: fn(Role) -> bool) -> Memo<StaffAccess> {
    let (session, network) = (use_session(), use_network());
    Memo::new(move |_| match session.live() {
        None => StaffAccess::SignedOut,
        Some(s) if !need(s.role) => StaffAccess::NoAccess,
        Some(_) if !network.online.get() => StaffAccess::Offline,
        Some(s) => StaffAccess::Open(s),
    })
}

/// What a page says when it cannot show itself, in its own words: each page has its
/// own locale keys.
#[derive(Clone, Copy)]
pub struct Closed {
    /// Whom the page is for, before the link to sign in.
    pub for_whom: fn(Locale) -> &'static str,
    /// The link to `/medewerkers`.
    pub sign_in_first: fn(Locale) -> &'static str,
    /// Signed in with a role the page is not for.
    pub no_access: fn(Locale) -> &'static str,
    /// No connection: the first words, in bold.
    pub offline: fn(Locale) -> &'static str,
    /// No connection: what follows.
    pub offline_more: fn(Locale) -> &'static str,
    /// The offline notice's `data-testid`, if the page's tests look for it.
    pub offline_test_id: Option<&'static str>,
}

/// Shows `children`, with the session, while `need` lets the one signed in see the
/// page and there is a connection; otherwise the line that says why. Signing out or
/// losing the connection takes the children (and what they loaded) away at once.
#[component]
pub fn StaffOnly<C, V>(need: fn(Role) -> bool, words: Closed, children: C) -> impl IntoView
where
    C: Fn(StaffSession) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let access = staff_access(need);
    let say = move |text: fn(Locale) -> &'static str| move || text(i18n.get_locale());
    move || {
        match access.get() {
        StaffAccess::SignedOut => view! {
            <p class="utrecht-alert utrecht-alert--info notice next-links">{say(words.for_whom)}" "<A href="/medewerkers">{say(words.sign_in_first)}</A>"."</p>
        }
        .into_any(),
        StaffAccess::NoAccess => view! { <p class="utrecht-alert utrecht-alert--info notice">{say(words.no_access)}</p> }.into_any(),
        StaffAccess::Offline => view! {
            <p class="utrecht-alert utrecht-alert--info notice" data-testid=words.offline_test_id><strong>{say(words.offline)}</strong>" "{say(words.offline_more)}</p>
        }
        .into_any(),
        StaffAccess::Open(session) => children(session).into_any(),
    }
    }
}
