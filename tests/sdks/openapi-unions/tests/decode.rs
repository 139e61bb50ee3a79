//! Unions as real documents write them: the discriminator value comes from
//! a member's `const` or one-value `enum`, and without a discriminator an
//! object is read as the variant whose shape it has, never as one that would
//! drop part of it.

use openapi_unions::model::{Contact, Event, Shape, Target};
use serde_json::{Value, json};

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// Decodes `value`, then checks it encodes back to the same JSON.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = decode(value.clone());
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    decoded
}

#[test]
fn inline_members_are_selected_by_their_one_value_enum() {
    let Event::A(a) = round_trip::<Event>(json!({"type": "a", "alpha": "x"})) else {
        panic!("not A")
    };
    assert_eq!(a.alpha.as_deref(), Some("x"));
    let Event::B(b) = round_trip::<Event>(json!({"type": "b", "beta": 7})) else {
        panic!("not B")
    };
    assert_eq!(b.beta, Some(7));
    // A tagged value that does not decode as its variant is an error, not
    // another variant.
    assert!(serde_json::from_value::<Event>(json!({"type": "b", "beta": "seven"})).is_err());
}

#[test]
fn a_member_without_a_fixed_value_is_tried_when_the_tag_names_none() {
    let Event::Note(n) = round_trip::<Event>(json!({"type": "c", "text": "hi"})) else {
        panic!("not Note")
    };
    assert_eq!(n.r#type.as_deref(), Some("c"));
    // Members it does not know: kept whole as `Other`.
    let raw = json!({"type": "z", "zeta": true});
    assert_eq!(round_trip::<Event>(raw.clone()), Event::Other(raw));
}

#[test]
fn ref_members_are_selected_by_const_by_enum_through_all_of_and_by_name() {
    let Shape::Circle(c) = round_trip::<Shape>(json!({"kind": "circle", "radius": 2.5})) else {
        panic!("not Circle")
    };
    assert_eq!(c.radius, 2.5);
    assert!(matches!(
        round_trip::<Shape>(json!({"kind": "square", "side": 3})),
        Shape::Square(s) if s.side == Some(3.0)
    ));
    assert!(matches!(
        round_trip::<Shape>(json!({"kind": "Blob", "points": [1, 2]})),
        Shape::Blob(b) if b.points == [1.0, 2.0]
    ));
    let unknown = json!({"kind": "hexagon"});
    assert_eq!(round_trip::<Shape>(unknown.clone()), Shape::Other(unknown));
}

#[test]
fn untagged_objects_go_to_the_variant_that_knows_their_properties() {
    let Target::Variant2(t) = round_trip::<Target>(json!({"key": "k1"})) else {
        panic!("`{{\"key\"}}` not read as the `key` variant")
    };
    assert_eq!(t.key.as_deref(), Some("k1"));
    assert!(matches!(
        round_trip::<Target>(json!({"fqn": "a.b"})),
        Target::Variant1(t) if t.fqn.as_deref() == Some("a.b")
    ));
    // Known to neither (or to each only in part): kept whole.
    for raw in [json!({"other": 1}), json!({"fqn": "a", "key": "b"})] {
        assert_eq!(round_trip::<Target>(raw.clone()), Target::Other(raw));
    }
}

#[test]
fn untagged_objects_need_the_required_properties_of_their_variant() {
    assert!(matches!(
        round_trip::<Contact>(json!({"name": "Ann", "phone": "123"})),
        Contact::Variant2(c) if c.phone == "123"
    ));
    assert!(matches!(
        round_trip::<Contact>(json!({"email": "a@example.com"})),
        Contact::Variant1(c) if c.email == "a@example.com"
    ));
    assert!(matches!(round_trip::<Contact>(json!("Ann")), Contact::String(s) if s == "Ann"));
    // Every property is known to both, but neither's requirement is met.
    let raw = json!({"name": "Ann"});
    assert_eq!(round_trip::<Contact>(raw.clone()), Contact::Other(raw));
}
