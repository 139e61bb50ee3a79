//! Well-known protobuf types (to be written).
