package demo

import _ "embed"

//go:embed demo.jsonl
var data []byte

// Name is how warnings and errors refer to the embedded file.
const Name = "demo.jsonl"

// JSONLines returns the demo traces as OTLP JSON lines.
func JSONLines() []byte { return data }
