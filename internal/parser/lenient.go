package parser

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Sloppy specs are read leniently: what kin-openapi's validation would
// refuse but has one obvious reading is repaired in the loaded document,
// before validation, and reported as a warning at its place.
//
//   - an array schema without items: items of any JSON value;
//   - a server variable without a default: its first enum value, else "";
//   - patternProperties (OpenAPI 3.1) in a 3.0 document, on a schema without
//     additionalProperties: a map of the (first) pattern's schema.

// repair is one change made to the document, reported when lowering.
type repair struct {
	elem    any    // the element changed (*openapi3.Schema, *openapi3.ServerVariable)
	key     string // the field it is reported at
	kind    string // the warning's kind
	message string
}

// repairDoc makes the lenient repairs and lists them, in document order.
func repairDoc(doc *openapi3.T) []repair {
	r := &repairer{seen: map[*openapi3.Schema]bool{}, v30: !strings.HasPrefix(doc.OpenAPI, "3.1")}
	if doc.Components != nil {
		for _, k := range sortedKeys(doc.Components.Schemas) {
			r.schema(doc.Components.Schemas[k])
		}
		for _, k := range sortedKeys(doc.Components.Parameters) {
			r.parameter(doc.Components.Parameters[k])
		}
		for _, k := range sortedKeys(doc.Components.RequestBodies) {
			if rb := doc.Components.RequestBodies[k]; rb != nil && rb.Value != nil {
				r.content(rb.Value.Content)
			}
		}
		for _, k := range sortedKeys(doc.Components.Responses) {
			if rr := doc.Components.Responses[k]; rr != nil && rr.Value != nil {
				r.content(rr.Value.Content)
			}
		}
	}
	if doc.Paths != nil {
		for _, path := range sortedKeys(doc.Paths.Map()) {
			item := doc.Paths.Value(path)
			if item == nil {
				continue
			}
			for _, p := range item.Parameters {
				r.parameter(p)
			}
			for _, m := range methodOrder {
				op := item.GetOperation(m)
				if op == nil {
					continue
				}
				for _, p := range op.Parameters {
					r.parameter(p)
				}
				if op.RequestBody != nil && op.RequestBody.Value != nil {
					r.content(op.RequestBody.Value.Content)
				}
				if op.Responses != nil {
					for _, st := range sortedKeys(op.Responses.Map()) {
						if rr := op.Responses.Value(st); rr != nil && rr.Value != nil {
							r.content(rr.Value.Content)
						}
					}
				}
			}
		}
	}
	for _, s := range doc.Servers {
		if s == nil {
			continue
		}
		for _, name := range sortedKeys(s.Variables) {
			v := s.Variables[name]
			if v == nil || v.Default != "" {
				continue
			}
			msg := "server variable " + name + " has no default; it is \"\""
			if len(v.Enum) > 0 {
				v.Default = v.Enum[0]
				msg = "server variable " + name + " has no default; its first value " + v.Enum[0] + " is used"
			} else {
				// kin-openapi requires the field: a variable that is filled
				// in by its option only.
				v.Default = ""
			}
			r.out = append(r.out, repair{elem: v, key: "enum", kind: "server-default", message: msg})
		}
	}
	return r.out
}

type repairer struct {
	seen map[*openapi3.Schema]bool
	v30  bool // a 3.0 document: 3.1 keywords are repaired
	out  []repair
}

func (r *repairer) parameter(ref *openapi3.ParameterRef) {
	if ref == nil || ref.Value == nil {
		return
	}
	r.schema(ref.Value.Schema)
	r.content(ref.Value.Content)
}

func (r *repairer) content(c openapi3.Content) {
	for _, ct := range sortedKeys(c) {
		if mt := c[ct]; mt != nil {
			r.schema(mt.Schema)
		}
	}
}

func (r *repairer) schema(ref *openapi3.SchemaRef) {
	if ref == nil || ref.Value == nil || r.seen[ref.Value] {
		return
	}
	s := ref.Value
	r.seen[s] = true
	if s.Type.Is("array") && s.Items == nil {
		s.Items = &openapi3.SchemaRef{Value: &openapi3.Schema{}}
		r.out = append(r.out, repair{elem: s, key: "type", kind: "array-items",
			message: "an array without items: its items are any JSON value"})
	}
	if r.v30 && len(s.PatternProperties) > 0 && s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil {
		pattern := sortedKeys(s.PatternProperties)[0]
		s.AdditionalProperties.Schema = s.PatternProperties[pattern]
		s.PatternProperties = nil
		r.out = append(r.out, repair{elem: s, key: "patternProperties", kind: "openapi-3.1",
			message: "patternProperties is OpenAPI 3.1; in this 3.0 document it is read as a map of the schema of " + pattern + " (keys are not checked)"})
	}
	for _, k := range sortedKeys(s.Properties) {
		r.schema(s.Properties[k])
	}
	r.schema(s.Items)
	r.schema(s.AdditionalProperties.Schema)
	r.schema(s.Not)
	for _, list := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, alt := range list {
			r.schema(alt)
		}
	}
}
