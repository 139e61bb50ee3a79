//! Properties beside a union are all kept: a union of one-property members
//! is a oneof of the message (connect-openapi's proto oneofs), any other
//! union a union of messages that each hold the properties too.

use openapi_oneofs::model::{
    ComplianceRequest, ComplianceRequestChoice, ModuleRef, ModuleRefChoice, Pet, ScreeningRequest,
    ScreeningRequestChoice, ScreeningRequestChoice2,
};
use serde_json::{Value, json};

/// Decodes `value`, then checks it encodes back to the same JSON.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    decoded
}

#[test]
fn the_properties_and_the_oneof_are_both_kept() {
    let m: ModuleRef = round_trip(json!({"id": "m1", "key": "k1"}));
    assert_eq!(m.id.as_deref(), Some("m1"));
    assert_eq!(m.choice, Some(ModuleRefChoice::Key("k1".into())));
    let m: ModuleRef = round_trip(json!({"id": "m1", "fqn": "a.b"}));
    assert_eq!(m.choice, Some(ModuleRefChoice::Fqn("a.b".into())));
    let m: ModuleRef = round_trip(json!({"id": "m1"}));
    assert_eq!(m.choice, None);
    // Two members of one oneof: an error, not one of them silently.
    let err = serde_json::from_value::<ModuleRef>(json!({"fqn": "a", "key": "b"})).unwrap_err();
    assert!(err.to_string().contains("two members set"), "{err}");
    // Built with the setters, written as the server reads it.
    let built = ModuleRef::new().with_id("m2").with_fqn("x.y");
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"id": "m2", "fqn": "x.y"})
    );
}

#[test]
fn connect_openapi_any_of_members_are_a_oneof() {
    let c: ComplianceRequest = round_trip(json!({"reference": "r", "kyc": "pass"}));
    assert_eq!(c.reference.as_deref(), Some("r"));
    assert_eq!(c.choice, Some(ComplianceRequestChoice::Kyc("pass".into())));
}

#[test]
fn two_oneofs_in_an_all_of_are_independent() {
    let s: ScreeningRequest = round_trip(json!({"reference": "r", "global": true, "kyb": "ok"}));
    assert_eq!(s.choice, Some(ScreeningRequestChoice::Global(true)));
    assert_eq!(s.choice2, Some(ScreeningRequestChoice2::Kyb("ok".into())));
    assert!(
        serde_json::from_value::<ScreeningRequest>(json!({"global": true, "region": "eu"}))
            .is_err()
    );
}

#[test]
fn a_union_of_objects_beside_properties_keeps_them_in_every_variant() {
    let Pet::Dog(d) = round_trip::<Pet>(json!({"name": "Rex", "petType": "dog", "barks": true}))
    else {
        panic!("not a dog")
    };
    assert_eq!((d.name.as_str(), d.barks), ("Rex", Some(true)));
    let Pet::Cat(c) = round_trip::<Pet>(json!({"name": "Tom", "petType": "cat", "lives": 9}))
    else {
        panic!("not a cat")
    };
    assert_eq!((c.name.as_str(), c.lives), ("Tom", Some(9)));
}
