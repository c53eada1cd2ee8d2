package parser

import (
	"github.com/getkin/kin-openapi/openapi3"
)

// A format gen does not know is read as the schema's type says (a string
// stays a plain string) and reported, once per position, as a warning of
// kind "format": a typo (date_time) or a private convention silently losing
// its meaning is worth a line. What counts as known is generous: the
// formats of JSON Schema and of the OpenAPI Format Registry, and those
// widely used in real specs (unixtime, 144 times in OpenAI's; json, a
// string holding JSON text), so real specs do not drown in warnings.

var (
	integerFormats = []string{
		"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
		"double-int", "unixtime", "unix-time", "timestamp",
	}
	numberFormats = append([]string{"float", "double", "decimal", "decimal128"}, integerFormats...)
	stringFormats = []string{
		// JSON Schema (2020-12) and OpenAPI 3.x
		"date-time", "date", "time", "duration",
		"email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6",
		"uri", "uri-reference", "iri", "iri-reference", "uri-template", "uuid",
		"json-pointer", "relative-json-pointer", "regex",
		"byte", "binary", "password",
		// OpenAPI Format Registry and common use
		"base64", "base64url", "char", "commonmark", "markdown", "html", "json",
		"http-date", "media-range", "url",
		"sf-binary", "sf-boolean", "sf-decimal", "sf-integer", "sf-string", "sf-token",
	}
)

// knownFormats lists, per JSON type, the formats gen knows. A string may
// also carry a number's format (an int64 sent as a string, to keep its
// precision, a unixtime as digits): a common convention, not a mistake.
// That also makes every format of a 3.1 schema of several types that
// survives checkFormat known to the string alternative the 3.1 reading
// gives it.
var knownFormats = map[string]map[string]bool{
	"string":  set(append(stringFormats, numberFormats...)...),
	"integer": set(integerFormats...),
	"number":  set(numberFormats...),
	"boolean": {}, // no format says more of a boolean
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// checkFormat reads a format gen does not know on schema s as no format
// (the value is its type, as gen reads it anyway) and reports it. It runs
// in the repair walk (lenient.go), which meets every schema of the document
// once, at its place, before the 3.1 reading restates a schema of several
// types as a oneOf of new, unplaced schemas: those only ever get a format
// that was found known here.
func (r *repairer) checkFormat(s *openapi3.Schema) {
	if s.Format == "" {
		return
	}
	typ := formatType(s)
	if known, ok := knownFormats[typ]; ok {
		if known[s.Format] {
			return
		}
	} else if knownForAny(s.Format) {
		// No single scalar type (none, several, an array, an object): a format
		// gen knows for some type is not worth a line.
		return
	}
	reading := "it is ignored"
	switch typ {
	case "string", "integer", "number", "boolean":
		reading = "the value is a plain " + typ
	}
	r.out = append(r.out, repair{elem: s, key: "format", kind: "format",
		message: "format " + s.Format + " is not known; " + reading})
	s.Format = ""
}

// formatType is the one JSON type s declares besides null, else "".
func formatType(s *openapi3.Schema) string {
	if s.Type == nil {
		return ""
	}
	typ := ""
	for _, t := range *s.Type {
		if t == "null" {
			continue
		}
		if typ != "" {
			return ""
		}
		typ = t
	}
	return typ
}

func knownForAny(format string) bool {
	for _, known := range knownFormats {
		if known[format] {
			return true
		}
	}
	return false
}
