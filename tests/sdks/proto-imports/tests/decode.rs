//! A type from a dependency found through an include directory is part of
//! the API's model, read as protojson.

use proto_imports::model::Product;
use serde_json::json;

#[test]
fn a_dependency_type_decodes_inside_the_api_type() {
    let product: Product = serde_json::from_value(json!({
        "id": "p1",
        "price": {"currencyCode": "EUR", "units": "12", "nanos": 500000000}
    }))
    .unwrap();
    let price = product.price.as_ref().unwrap();
    assert_eq!(
        (price.currency_code.as_str(), price.units, price.nanos),
        ("EUR", 12, 500_000_000)
    );
    assert_eq!(
        serde_json::to_value(&product).unwrap()["price"]["units"],
        json!("12")
    );
}
