//! Small line icons beside the words that name a kind of activity or an information
//! page: decorative (the words say it all), so hidden from assistive technology. Drawn
//! in `currentColor`, so they follow the text's colour, high contrast included.

use leptos::prelude::*;
use omzien_core::ActivityKind;

/// One 24 × 24 drawing, stroked (style/main.css `.icon`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Walk,
    Dice,
    Bus,
    Book,
    People,
    House,
    Phone,
    Star,
    Car,
    Heart,
    Megaphone,
    Info,
    Question,
    Spiral,
    Steps,
}

impl Icon {
    pub fn for_kind(kind: ActivityKind) -> Self {
        match kind {
            ActivityKind::Walking => Self::Walk,
            ActivityKind::Games => Self::Dice,
            ActivityKind::DayTrip => Self::Bus,
            ActivityKind::Course | ActivityKind::Workshop => Self::Book,
            ActivityKind::Buddy | ActivityKind::Meeting | ActivityKind::YouthWork => Self::People,
            ActivityKind::HomeVisit => Self::House,
            ActivityKind::Helpline => Self::Phone,
            ActivityKind::Festival => Self::Star,
            ActivityKind::Transport => Self::Car,
            ActivityKind::Volunteering | ActivityKind::Coaching | ActivityKind::Support => {
                Self::Heart
            }
            ActivityKind::Campaign => Self::Megaphone,
        }
    }

    /// By the information page's address (data/info.json); a page added later gets the
    /// general one.
    pub fn for_info_page(id: &str) -> Self {
        match id {
            "wat-is-eenzaamheid" => Self::Question,
            "drie-soorten" | "zorgen-om-een-ander" => Self::People,
            "neerwaartse-spiraal" => Self::Spiral,
            "waarom-het-ertoe-doet" => Self::Heart,
            "de-eerste-stap" => Self::Steps,
            _ => Self::Info,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Self::Walk => "M13 3.5a2 2 0 1 0 .01 0M9 21l2.5-6.5L14 17v4M11.5 14.5l1.5-6-3.5 1.5L8 13M13 8.5l2 3h3",
            Self::Dice => "M5 4h14a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM8.5 8.5h.01M15.5 15.5h.01M12 12h.01M15.5 8.5h.01M8.5 15.5h.01",
            Self::Bus => "M7 4h10a2 2 0 0 1 2 2v11H5V6a2 2 0 0 1 2-2zM5 12h14M8 17v3M16 17v3M8 14.5h.01M16 14.5h.01",
            Self::Book => "M4 5h5a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H4zM20 5h-5a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h6z",
            Self::People => "M9 5a3 3 0 1 0 .01 0M3 20a6 6 0 0 1 12 0M17 7a2.5 2.5 0 1 0 .01 0M16 13a5 5 0 0 1 5 6",
            Self::House => "M3 11.5 12 4l9 7.5M5.5 10v10h13V10M10 20v-5h4v5",
            Self::Phone => "M6 4h3l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v3a2 2 0 0 1-2 2A15 15 0 0 1 4 6a2 2 0 0 1 2-2z",
            Self::Star => "m12 3 2.7 5.6 6.1.8-4.5 4.2 1.1 6.1-5.4-3-5.4 3 1.1-6.1-4.5-4.2 6.1-.8z",
            Self::Car => "M3 16v-4l2.5-5h13l2.5 5v4zM3 12h18M7 16v2.5M17 16v2.5M7 14h.01M17 14h.01",
            Self::Heart => "M12 20s-7.5-4.6-7.5-10.3A4.2 4.2 0 0 1 12 7.3a4.2 4.2 0 0 1 7.5 2.4C19.5 15.4 12 20 12 20z",
            Self::Megaphone => "M4 10v4h3l8 4.5V5.5L7 10zM7 14l1.5 5.5M18.5 9a4 4 0 0 1 0 6",
            Self::Info => "M12 3a9 9 0 1 0 .01 0M12 11v6M12 7.5h.01",
            Self::Question => "M12 3a9 9 0 1 0 .01 0M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7M12 17h.01",
            Self::Spiral => "M12 12a1.5 1.5 0 1 1 1.5 1.5A3.5 3.5 0 1 1 17 10a5.5 5.5 0 1 1-5.5-5.5A7.5 7.5 0 1 1 4 12",
            Self::Steps => "M7 15c-1.7 0-2.5-2-2.5-4.5S5.5 5 7 5s2.5 2.5 2.5 5.5S8.7 15 7 15zM5 18h4M17 20c-1.7 0-2.5-2-2.5-4.5S15.5 10 17 10s2.5 2.5 2.5 5.5S18.7 20 17 20zM15 7h4",
        }
    }
}

/// The icon, hidden from assistive technology: the text beside it names the thing.
#[component]
pub fn IconView(icon: Icon) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=icon.path() />
        </svg>
    }
}
