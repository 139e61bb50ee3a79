"""Conformance vector generator: runs the reference protobuf JSON
implementation (Python `google.protobuf.json_format`) over the Tesseral REST
types and our conformance protos, and records what it writes and accepts."""
