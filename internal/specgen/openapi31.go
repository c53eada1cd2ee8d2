package specgen

import (
	"bytes"
	"encoding/json"
	"strings"
)

// To31 translates a document of Generate into OpenAPI 3.1, construct by
// construct, into what means the same in JSON Schema 2020-12:
//
//   - type T with nullable: true: type [T, "null"];
//   - a oneOf/anyOf with nullable: true: a {type: "null"} alternative more;
//   - a boolean exclusiveMinimum/Maximum: the number (minimum/maximum);
//   - a schema's example: examples: [example];
//   - a one-value enum without null: const.
//
// gen must give the same SDK for both (TestGenerativeOpenAPI31).
func To31(doc []byte) []byte {
	var d map[string]any
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	if err := dec.Decode(&d); err != nil {
		panic(err) // Generate writes JSON
	}
	d["openapi"] = "3.1.0"
	if c, ok := d["components"].(map[string]any); ok {
		if s, ok := c["schemas"].(map[string]any); ok {
			for _, v := range s {
				schema31(v)
			}
		}
	}
	if p, ok := d["paths"].(map[string]any); ok {
		walk31(p, "")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// walk31 finds the schemas under the paths (values of a "schema" key).
func walk31(v any, key string) {
	switch x := v.(type) {
	case map[string]any:
		if key == "schema" {
			schema31(x)
			return
		}
		for k, e := range x {
			walk31(e, k)
		}
	case []any:
		for _, e := range x {
			walk31(e, "")
		}
	}
}

// subschemaKeys hold one schema; subschemaLists a list; subschemaMaps a map.
var (
	subschemaKeys  = []string{"items", "additionalProperties", "not"}
	subschemaLists = []string{"oneOf", "anyOf", "allOf"}
)

func schema31(v any) {
	s, ok := v.(map[string]any)
	if !ok {
		return
	}
	for _, k := range subschemaKeys {
		schema31(s[k])
	}
	for _, k := range subschemaLists {
		if l, ok := s[k].([]any); ok {
			for _, e := range l {
				schema31(e)
			}
		}
	}
	if p, ok := s["properties"].(map[string]any); ok {
		for _, e := range p {
			schema31(e)
		}
	}
	if s["nullable"] == true {
		delete(s, "nullable")
		switch t := s["type"].(type) {
		case string:
			s["type"] = []any{t, "null"}
		default:
			for _, k := range []string{"oneOf", "anyOf"} {
				if l, ok := s[k].([]any); ok {
					s[k] = append(l, map[string]any{"type": "null"})
				}
			}
		}
	}
	for _, k := range []string{"Minimum", "Maximum"} {
		ex, bound := "exclusive"+k, strings.ToLower(k[:1])+k[1:]
		if b, ok := s[ex].(bool); ok {
			delete(s, ex)
			if b && s[bound] != nil {
				s[ex] = s[bound]
				delete(s, bound)
			}
		}
	}
	if ex, ok := s["example"]; ok && ex != nil {
		delete(s, "example")
		s["examples"] = []any{ex}
	}
	if e, ok := s["enum"].([]any); ok && len(e) == 1 && e[0] != nil {
		if _, obj := e[0].(map[string]any); !obj {
			delete(s, "enum")
			s["const"] = e[0]
		}
	}
}
