//! Non-ASCII property and enum value names: readable ASCII in Rust
//! (transliterated), the JSON names kept exact.

use openapi_names::model::{Etape, Lieu};
use serde_json::{Value, json};

#[test]
fn non_ascii_json_names_round_trip_exactly() {
    let wire = json!({
        "名称": "Musée",
        "ming_cheng": "ascii twin",
        "Straße": "Hauptstraße 1",
        "prix_€": 9.5,
        "créé": "到达",
    });
    let lieu: Lieu = serde_json::from_value(wire.clone()).unwrap();
    // Transliterated Rust names; the one clashing with an ASCII twin numbered.
    assert_eq!(lieu.ming_cheng.as_deref(), Some("Musée"));
    assert_eq!(lieu.ming_cheng_2.as_deref(), Some("ascii twin"));
    assert_eq!(lieu.strasse.as_deref(), Some("Hauptstraße 1"));
    assert_eq!(lieu.prix_eur, Some(9.5));
    assert_eq!(lieu.cree, Some(Etape::DaoDa));
    let back: Value = serde_json::to_value(&lieu).unwrap();
    assert_eq!(back, wire);
}

#[test]
fn built_values_use_the_exact_json_names() {
    let lieu = Lieu::new().with_ming_cheng("x").with_cree(Etape::Depart);
    assert_eq!(
        serde_json::to_value(&lieu).unwrap(),
        json!({"名称": "x", "créé": "départ"})
    );
}
