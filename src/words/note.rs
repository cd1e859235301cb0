//! A concern note in the chosen language, for the resident's form (`/melden`) and the
//! meldpunt's triage alike, so both say the same: its fields, where it stands on the
//! device and at the meldpunt, and what a coordinator can do with it. The words are in
//! `locales/*/report.json` and `locales/*/triage.json`.

use omzien_core::note::{NoteKind, ReporterRole, Signal, Urgency};
use omzien_core::outbox::NoteStatusOnDevice;
use omzien_core::signup::Channel;
use omzien_core::staff::{NoteStatus, ReferralProblem, ReferralTarget};

use crate::i18n::{td_string, Locale};

pub fn kind(locale: Locale, kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Worried => td_string!(locale, report.kind.worried),
        NoteKind::WantsContact => td_string!(locale, report.kind.wants_contact),
    }
}

pub fn urgency(locale: Locale, urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Normal => td_string!(locale, report.urgency.normal),
        Urgency::ThisWeek => td_string!(locale, report.urgency.this_week),
        Urgency::Today => td_string!(locale, report.urgency.today),
    }
}

pub fn role(locale: Locale, role: ReporterRole) -> &'static str {
    match role {
        ReporterRole::Resident => td_string!(locale, report.role.resident),
        ReporterRole::Neighbour => td_string!(locale, report.role.neighbour),
        ReporterRole::Professional => td_string!(locale, report.role.professional),
        ReporterRole::Volunteer => td_string!(locale, report.role.volunteer),
        ReporterRole::Entrepreneur => td_string!(locale, report.role.entrepreneur),
    }
}

pub fn signal(locale: Locale, signal: Signal) -> &'static str {
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
pub fn status_on_device(locale: Locale, status: &NoteStatusOnDevice) -> &'static str {
    match status {
        NoteStatusOnDevice::WaitingToSend => td_string!(locale, report.status.waiting),
        NoteStatusOnDevice::Received => td_string!(locale, report.status.received),
        NoteStatusOnDevice::Refused(_) => td_string!(locale, report.status.refused),
    }
}

/// A note's status, for staff.
pub fn status_words(locale: Locale, status: NoteStatus) -> &'static str {
    match status {
        NoteStatus::New => td_string!(locale, triage.status.new),
        NoteStatus::InProgress => td_string!(locale, triage.status.in_progress),
        NoteStatus::Referred => td_string!(locale, triage.status.referred),
        NoteStatus::Closed => td_string!(locale, triage.status.closed),
    }
}

pub fn target_words(locale: Locale, target: ReferralTarget) -> &'static str {
    match target {
        ReferralTarget::Activity => td_string!(locale, triage.target.activity),
        ReferralTarget::Buurtteam => td_string!(locale, triage.target.buurtteam),
        ReferralTarget::WelzijnOpRecept => td_string!(locale, triage.target.welzijn_op_recept),
        ReferralTarget::Luisterlijn => td_string!(locale, triage.target.luisterlijn),
        ReferralTarget::Other => td_string!(locale, triage.target.other),
    }
}

pub fn problem_words(locale: Locale, problem: ReferralProblem) -> &'static str {
    match problem {
        ReferralProblem::ChooseActivity => td_string!(locale, triage.refer.choose_the_activity),
        ReferralProblem::ActivityNotWanted => {
            td_string!(locale, triage.refer.activity_not_wanted)
        }
        ReferralProblem::NoteNeeded => td_string!(locale, triage.refer.note_needed),
        ReferralProblem::NoteTooLong => td_string!(locale, triage.refer.note_too_long),
    }
}

pub fn channel_words(locale: Locale, channel: Channel) -> &'static str {
    match channel {
        Channel::Own => td_string!(locale, triage.channel.own),
        Channel::Kiosk => td_string!(locale, triage.channel.kiosk),
        Channel::OnBehalf => td_string!(locale, triage.channel.on_behalf),
    }
}
