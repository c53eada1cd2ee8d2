package specserver

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Sloppy documents are read leniently, so that the server can stand in for
// the APIs they describe (gen reads them leniently too, with warnings).
// kin-openapi's validation of the document would refuse them; instead New
// repairs or tolerates, and lists each change in Server.Repairs:
//
//   - examples and defaults are not validated with the document: the server
//     answers only with examples that match their schema (exampleFits) and
//     synthesizes the others;
//   - an unknown keyword on a schema (max_items, optional, $recursiveAnchor),
//     and an OpenAPI 3.1 keyword in a 3.0 document (patternProperties), is
//     ignored;
//   - a property listed twice in required: once;
//   - a boolean exclusiveMinimum/Maximum (OpenAPI 3.0) in a 3.1 document:
//     the minimum/maximum beside it is the exclusive bound;
//   - $recursiveRef: "#" (JSON Schema 2019-09) and $dynamicRef, which
//     kin-openapi does not resolve, in a component: a reference to that
//     component (what they mean for a component that recurses into itself).

const componentSchemas = "#/components/schemas/"

// keywords31 are the schema keywords OpenAPI 3.0 does not have.
var keywords31 = []string{
	"const", "examples", "prefixItems", "contains", "minContains", "maxContains",
	"patternProperties", "dependentSchemas", "propertyNames", "unevaluatedItems",
	"unevaluatedProperties", "dependentRequired", "if", "then", "else", "$defs",
	"$anchor", "$dynamicRef", "$dynamicAnchor", "contentSchema",
	"contentMediaType", "contentEncoding", "$id", "$schema", "$comment",
}

// lenientReader walks every schema of a document once, repairing it.
type lenientReader struct {
	doc     *openapi3.T
	v31     bool
	seen    map[*openapi3.Schema]bool
	allowed map[string]bool // unknown keywords met, tolerated as siblings
	repairs []string
	// component is the key of the component schema being walked ("" outside
	// components): where $recursiveRef resolves.
	component string
}

// readLeniently repairs doc in place and returns the validation options that
// tolerate what is left, and the list of changes.
func readLeniently(doc *openapi3.T) ([]openapi3.ValidationOption, []string) {
	r := &lenientReader{doc: doc, v31: doc.IsOpenAPI31OrLater(), seen: map[*openapi3.Schema]bool{}, allowed: map[string]bool{}}
	if c := doc.Components; c != nil {
		for _, k := range slices.Sorted(maps.Keys(c.Schemas)) {
			r.component = k
			r.schema(c.Schemas[k])
		}
		r.component = ""
		for _, k := range slices.Sorted(maps.Keys(c.Parameters)) {
			r.parameter(c.Parameters[k])
		}
		for _, k := range slices.Sorted(maps.Keys(c.Headers)) {
			r.header(c.Headers[k])
		}
		for _, k := range slices.Sorted(maps.Keys(c.RequestBodies)) {
			if b := c.RequestBodies[k]; b != nil && b.Value != nil {
				r.content(b.Value.Content)
			}
		}
		for _, k := range slices.Sorted(maps.Keys(c.Responses)) {
			r.response(c.Responses[k])
		}
	}
	items := map[string]*openapi3.PathItem{}
	if doc.Paths != nil {
		for k, v := range doc.Paths.Map() {
			items["path "+k] = v
		}
	}
	for k, v := range doc.Webhooks {
		items["webhook "+k] = v
	}
	for _, k := range slices.Sorted(maps.Keys(items)) {
		item := items[k]
		if item == nil {
			continue
		}
		for _, p := range item.Parameters {
			r.parameter(p)
		}
		for _, op := range item.Operations() {
			for _, p := range op.Parameters {
				r.parameter(p)
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				r.content(op.RequestBody.Value.Content)
			}
			if op.Responses != nil {
				for _, code := range op.Responses.Keys() {
					r.response(op.Responses.Value(code))
				}
			}
		}
	}

	opts := []openapi3.ValidationOption{
		openapi3.DisableExamplesValidation(),
		openapi3.DisableSchemaDefaultsValidation(),
	}
	allowed := slices.Sorted(maps.Keys(r.allowed))
	if !r.v31 {
		allowed = append(allowed, keywords31...)
	}
	if len(allowed) > 0 {
		opts = append(opts, openapi3.AllowExtraSiblingFields(allowed...))
	}
	return opts, r.repairs
}

func (r *lenientReader) note(where, msg string) {
	r.repairs = append(r.repairs, where+": "+msg)
}

func (r *lenientReader) parameter(ref *openapi3.ParameterRef) {
	if ref == nil || ref.Value == nil {
		return
	}
	r.schema(ref.Value.Schema)
	r.content(ref.Value.Content)
}

func (r *lenientReader) header(ref *openapi3.HeaderRef) {
	if ref == nil || ref.Value == nil {
		return
	}
	r.schema(ref.Value.Schema)
	r.content(ref.Value.Content)
}

func (r *lenientReader) response(ref *openapi3.ResponseRef) {
	if ref == nil || ref.Value == nil {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(ref.Value.Headers)) {
		r.header(ref.Value.Headers[k])
	}
	r.content(ref.Value.Content)
}

func (r *lenientReader) content(c openapi3.Content) {
	for _, k := range slices.Sorted(maps.Keys(c)) {
		if mt := c[k]; mt != nil {
			r.schema(mt.Schema)
		}
	}
}

// where names the schema being repaired for Repairs.
func (r *lenientReader) where(s *openapi3.Schema) string {
	w := "schema"
	if r.component != "" {
		w = "components/schemas/" + r.component
	}
	if s.Title != "" {
		w += " (" + s.Title + ")"
	}
	return w
}

func (r *lenientReader) schema(ref *openapi3.SchemaRef) {
	if ref == nil || ref.Value == nil {
		return
	}
	r.resolveRecursion(ref)
	s := ref.Value
	if r.seen[s] {
		return
	}
	r.seen[s] = true
	// Below a reference to a component, that component encloses.
	if name, ok := strings.CutPrefix(ref.Ref, componentSchemas); ok && r.doc.Components.Schemas[name] != nil {
		outer := r.component
		r.component = name
		defer func() { r.component = outer }()
	}

	for _, k := range slices.Sorted(maps.Keys(s.Extensions)) {
		if strings.HasPrefix(strings.ToLower(k), "x-") {
			continue
		}
		r.allowed[k] = true
		r.note(r.where(s), "unknown keyword "+k+" is ignored")
	}
	if len(s.Required) > 1 {
		seen := map[string]bool{}
		required := s.Required[:0:0]
		for _, name := range s.Required {
			if seen[name] {
				r.note(r.where(s), "required lists "+name+" twice; once is meant")
				continue
			}
			seen[name] = true
			required = append(required, name)
		}
		s.Required = required
	}
	if r.v31 {
		r.exclusiveBound(s, "exclusiveMinimum", &s.ExclusiveMin, &s.Min)
		r.exclusiveBound(s, "exclusiveMaximum", &s.ExclusiveMax, &s.Max)
	}

	var subs []*openapi3.SchemaRef
	for _, m := range []openapi3.Schemas{s.Properties, s.PatternProperties, s.DependentSchemas, s.Defs} {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			subs = append(subs, m[k])
		}
	}
	subs = append(subs, s.Items, s.AdditionalProperties.Schema, s.Not, s.Contains, s.PropertyNames,
		s.If, s.Then, s.Else, s.ContentSchema, s.UnevaluatedItems.Schema, s.UnevaluatedProperties.Schema)
	subs = append(subs, s.PrefixItems...)
	subs = append(subs, s.AllOf...)
	subs = append(subs, s.OneOf...)
	subs = append(subs, s.AnyOf...)
	for _, sub := range subs {
		r.schema(sub)
	}
}

// resolveRecursion turns a schema that is a $recursiveRef or a $dynamicRef,
// met inside a component, into a reference to that component.
func (r *lenientReader) resolveRecursion(ref *openapi3.SchemaRef) {
	s := ref.Value
	var keyword string
	switch {
	case s.Extensions["$recursiveRef"] != nil:
		keyword = "$recursiveRef"
	case s.DynamicRef != "":
		keyword = "$dynamicRef"
	default:
		return
	}
	if r.component == "" {
		return // left as it is (an unknown keyword: any value)
	}
	root := r.doc.Components.Schemas[r.component]
	ref.Ref, ref.Value = componentSchemas+r.component, root.Value
	r.note("components/schemas/"+r.component, keyword+" is read as a reference to the component")
}

// exclusiveBound reads a boolean exclusiveMinimum/Maximum (OpenAPI 3.0) in a
// 3.1 document: true makes the minimum/maximum beside it the exclusive bound.
func (r *lenientReader) exclusiveBound(s *openapi3.Schema, key string, eb *openapi3.ExclusiveBound, bound **float64) {
	if eb.Bool == nil {
		return
	}
	msg := "a boolean " + key + " is OpenAPI 3.0; "
	switch {
	case *eb.Bool && *bound != nil:
		eb.Value, *bound = *bound, nil
		msg += "it is read as " + key + ": " + strconv.FormatFloat(*eb.Value, 'f', -1, 64)
	case *eb.Bool:
		msg += "without a bound beside it, it is ignored"
	default:
		msg += "false is ignored"
	}
	eb.Bool = nil
	r.note(r.where(s), msg)
}
