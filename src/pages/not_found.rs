use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::set_title;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Pagina niet gevonden");
    view! {
        <h1 tabindex="-1">"Deze pagina bestaat niet"</h1>
        <p>"Misschien is de link oud, of staat er een typfout in."</p>
        <p><A href="/">"Naar de beginpagina"</A></p>
    }
}
