//! A concern note's fields in the chosen language, for the resident's form (`/melden`)
//! and the meldpunt's triage alike: one place, so both say the same. The words are in
//! `locales/*/report.json`; core keeps the Dutch `label_nl()` for the server.

use omzien_core::note::{NoteKind, ReporterRole, Signal, Urgency};
use omzien_core::outbox::NoteStatusOnDevice;

use crate::i18n::{td_string, Locale};

pub(crate) fn kind(locale: Locale, kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Worried => td_string!(locale, report.kind.worried),
        NoteKind::WantsContact => td_string!(locale, report.kind.wants_contact),
    }
}

pub(crate) fn urgency(locale: Locale, urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Normal => td_string!(locale, report.urgency.normal),
        Urgency::ThisWeek => td_string!(locale, report.urgency.this_week),
        Urgency::Today => td_string!(locale, report.urgency.today),
    }
}

pub(crate) fn role(locale: Locale, role: ReporterRole) -> &'static str {
    match role {
        ReporterRole::Resident => td_string!(locale, report.role.resident),
        ReporterRole::Neighbour => td_string!(locale, report.role.neighbour),
        ReporterRole::Professional => td_string!(locale, report.role.professional),
        ReporterRole::Volunteer => td_string!(locale, report.role.volunteer),
        ReporterRole::Entrepreneur => td_string!(locale, report.role.entrepreneur),
    }
}

pub(crate) fn signal(locale: Locale, signal: Signal) -> &'static str {
    match signal {
        Signal::NotSeenOutside => td_string!(locale, report.signal.not_seen_outside),
        Signal::MailPilingUp => td_string!(locale, report.signal.mail_piling_up),
        Signal::SaysLonely => td_string!(locale, report.signal.says_lonely),
        Signal::Neglect => td_string!(locale, report.signal.neglect),
        Signal::RecentLoss => td_string!(locale, report.signal.recent_loss),
        Signal::Other => td_string!(locale, report.signal.other),
    }
}

/// Where a note stands on the device, for the person who made it.
pub(crate) fn status_on_device(locale: Locale, status: &NoteStatusOnDevice) -> &'static str {
    match status {
        NoteStatusOnDevice::WaitingToSend => td_string!(locale, report.status.waiting),
        NoteStatusOnDevice::Received => td_string!(locale, report.status.received),
        NoteStatusOnDevice::Refused(_) => td_string!(locale, report.status.refused),
    }
}
