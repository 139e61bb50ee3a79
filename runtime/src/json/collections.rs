//! [`Codec`] for repeated fields (`Vec<T>`) and map fields
//! (`BTreeMap<K, V>`), and the map key types.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::{Codec, ElementSeed, Encoded, EncodedPlain};

impl<T: Codec> Codec for Vec<T> {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&Encoded(item))?;
        }
        seq.end()
    }

    fn encode_plain<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&EncodedPlain(item))?;
        }
        seq.end()
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(ListVisitor(PhantomData))
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Ok(Vec::new())
    }

    fn is_default(&self) -> bool {
        self.is_empty()
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Codec> Visitor<'de> for ListVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list (a JSON array)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Don't trust a size hint for more than a modest preallocation.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(ElementSeed::new())? {
            out.push(item);
        }
        Ok(out)
    }
}

/// A map key type: JSON object keys are strings, so every key type has a
/// string form (`"true"`, `"-1"`).
pub trait MapKey: Ord + Sized {
    /// The key as a JSON object key.
    fn to_key(&self) -> Cow<'_, str>;

    /// The key from a JSON object key, or `None` when the text is not one.
    fn from_key(key: &str) -> Option<Self>;

    /// The proto type name, for error messages.
    const NAME: &'static str;
}

impl MapKey for String {
    fn to_key(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }

    fn from_key(key: &str) -> Option<Self> {
        Some(key.to_owned())
    }

    const NAME: &'static str = "string";
}

impl MapKey for bool {
    fn to_key(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }

    fn from_key(key: &str) -> Option<Self> {
        match key {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    const NAME: &'static str = "bool";
}

macro_rules! int_key {
    ($($ty:ty, $name:literal;)*) => {$(
        impl MapKey for $ty {
            fn to_key(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }

            /// Decimal, with an optional sign, as Go's `strconv` reads keys.
            fn from_key(key: &str) -> Option<Self> {
                key.parse().ok()
            }

            const NAME: &'static str = $name;
        }
    )*};
}

int_key! {
    i32, "int32";
    i64, "int64";
    u32, "uint32";
    u64, "uint64";
}

impl<K: MapKey, V: Codec> Codec for BTreeMap<K, V> {
    fn encode<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(&KeyText(key), &Encoded(value))?;
        }
        map.end()
    }

    fn encode_plain<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (key, value) in self {
            map.serialize_entry(&KeyText(key), &EncodedPlain(value))?;
        }
        map.end()
    }

    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(MapVisitor(PhantomData))
    }

    fn decode_null<E: de::Error>() -> Result<Self, E> {
        Ok(BTreeMap::new())
    }

    fn is_default(&self) -> bool {
        self.is_empty()
    }
}

/// Writes a key as a JSON string.
struct KeyText<'a, K>(&'a K);

impl<K: MapKey> Serialize for KeyText<'_, K> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_key())
    }
}

/// Reads a key from a JSON object key.
struct KeySeed<K>(PhantomData<K>);

impl<'de, K: MapKey> DeserializeSeed<'de> for KeySeed<K> {
    type Value = K;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<K, D::Error> {
        d.deserialize_str(self)
    }
}

impl<K: MapKey> Visitor<'_> for KeySeed<K> {
    type Value = K;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} map key", K::NAME)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<K, E> {
        K::from_key(v).ok_or_else(|| E::custom(format_args!("invalid {} map key {v:?}", K::NAME)))
    }
}

struct MapVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K: MapKey, V: Codec> Visitor<'de> for MapVisitor<K, V> {
    type Value = BTreeMap<K, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = access.next_key_seed(KeySeed::<K>(PhantomData))? {
            // Like protojson: `{"1": .., "01": ..}` is a duplicate int key.
            if out.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "duplicate map key {:?}",
                    key.to_key()
                )));
            }
            let value = access.next_value_seed(ElementSeed::<V>::new())?;
            out.insert(key, value);
        }
        Ok(out)
    }
}
