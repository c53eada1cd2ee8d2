package parser

import (
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/model"
)

// Sloppy specs are read leniently: what kin-openapi's validation would
// refuse but has one obvious reading is repaired in the loaded document,
// before validation, and reported as a warning at its place.
//
//   - an array schema without items: items of any JSON value;
//   - a server variable without a default: its first enum value, else "";
//   - patternProperties (OpenAPI 3.1) in a 3.0 document, on a schema without
//     additionalProperties: a map of the (first) pattern's schema;
//   - a boolean exclusiveMinimum/Maximum (OpenAPI 3.0) in a 3.1 document:
//     the bound is the minimum/maximum beside it;
//   - a property listed twice in required: once;
//   - an unknown keyword on a schema (max_items, optional): ignored.
//
// And the two recursion keywords kin-openapi does not resolve are resolved
// here, as the $ref they mean (no warning: the reading is exact for a
// component that recurses into itself):
//
//   - $recursiveRef: "#" (JSON Schema 2019-09, which kin-openapi refuses as
//     an unknown sibling): the enclosing component;
//   - $dynamicRef: "#name" (2020-12): the schema of the enclosing component
//     that declares $dynamicAnchor: name, else the component itself.

// noDefault stands, for kin-openapi's validation, for the default a server
// variable lacks; lowerServers reads it as "".
const noDefault = "gen-no-default"

// repair is one change made to the document, reported when lowering.
type repair struct {
	elem any // the element changed (*openapi3.Schema, *openapi3.ServerVariable)
	// sameAs, when set, says elem is new (made by the 3.1 reading) and
	// stands where sameAs is written: it takes sameAs's position. Such an
	// entry is not a warning.
	sameAs  any
	key     string // the field it is reported at
	kind    string // the warning's kind
	message string
}

// repairDoc makes the lenient repairs and lists them, in document order.
func repairDoc(doc *openapi3.T) []repair {
	r := &repairer{seen: map[*openapi3.Schema]bool{}, v30: !strings.HasPrefix(doc.OpenAPI, "3.1"), doc: doc}
	if doc.Components != nil {
		for _, k := range sortedKeys(doc.Components.Schemas) {
			r.component = k
			r.schema(doc.Components.Schemas[k])
		}
		r.component = ""
		for _, k := range sortedKeys(doc.Components.Parameters) {
			r.parameter(doc.Components.Parameters[k])
		}
		for _, k := range sortedKeys(doc.Components.RequestBodies) {
			if rb := doc.Components.RequestBodies[k]; rb != nil && rb.Value != nil {
				r.content(rb.Value, rb.Value.Content)
			}
		}
		for _, k := range sortedKeys(doc.Components.Responses) {
			if rr := doc.Components.Responses[k]; rr != nil && rr.Value != nil {
				r.content(rr.Value, rr.Value.Content)
			}
		}
	}
	if doc.Paths != nil {
		for _, path := range sortedKeys(doc.Paths.Map()) {
			r.pathItem(doc.Paths.Value(path))
		}
	}
	for _, name := range sortedKeys(doc.Webhooks) {
		r.pathItem(doc.Webhooks[name])
	}
	if doc.Components != nil {
		// components.pathItems (3.1): kin-openapi resolves the $refs to
		// them but keeps the section as an unknown field.
		delete(doc.Components.Extensions, "pathItems")
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
				// kin-openapi refuses an empty default: it gets a stand-in
				// for the validation, which the lowering reads as "" (a
				// variable filled in by its option only).
				v.Default = noDefault
			}
			r.out = append(r.out, repair{elem: v, key: "enum", kind: "server-default", message: msg})
		}
	}
	return r.out
}

func (r *repairer) pathItem(item *openapi3.PathItem) {
	if item == nil {
		return
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
			r.content(op.RequestBody.Value, op.RequestBody.Value.Content)
		}
		if op.Responses != nil {
			for _, st := range sortedKeys(op.Responses.Map()) {
				if rr := op.Responses.Value(st); rr != nil && rr.Value != nil {
					r.content(rr.Value, rr.Value.Content)
				}
			}
		}
	}
}

type repairer struct {
	seen map[*openapi3.Schema]bool
	v30  bool // a 3.0 document: 3.1 keywords are repaired
	out  []repair
	doc  *openapi3.T
	// component is the key of the component schema being walked ("" outside
	// components): where $recursiveRef and $dynamicRef resolve.
	component string
}

// recursionTarget is the schema a $recursiveRef or $dynamicRef met in the
// component being walked stands for, as a reference; nil outside
// components.
func (r *repairer) recursionTarget(anchor string) *openapi3.SchemaRef {
	if r.component == "" {
		return nil
	}
	root := r.doc.Components.Schemas[r.component]
	if anchor != "" {
		if found := findDynamicAnchor(root, anchor, map[*openapi3.Schema]bool{}); found != nil && found != root.Value {
			return &openapi3.SchemaRef{Value: found}
		}
	}
	return &openapi3.SchemaRef{Ref: componentPrefix + r.component, Value: root.Value}
}

// findDynamicAnchor finds the schema under ref that declares $dynamicAnchor
// name, without leaving the component.
func findDynamicAnchor(ref *openapi3.SchemaRef, name string, seen map[*openapi3.Schema]bool) *openapi3.Schema {
	if ref == nil || ref.Value == nil || seen[ref.Value] || (ref.Ref != "" && seen[nil]) {
		return nil
	}
	s := ref.Value
	seen[s] = true
	seen[nil] = true // below the root, a $ref leaves the component
	if s.DynamicAnchor == name {
		return s
	}
	var subs []*openapi3.SchemaRef
	for _, k := range sortedKeys(s.Defs) {
		subs = append(subs, s.Defs[k])
	}
	for _, k := range sortedKeys(s.Properties) {
		subs = append(subs, s.Properties[k])
	}
	subs = append(subs, s.Items, s.AdditionalProperties.Schema)
	subs = append(append(append(subs, s.AllOf...), s.OneOf...), s.AnyOf...)
	for _, sub := range subs {
		if found := findDynamicAnchor(sub, name, seen); found != nil {
			return found
		}
	}
	return nil
}

// resolveRecursion turns a schema that is only a $recursiveRef or a
// $dynamicRef into the reference it stands for.
func (r *repairer) resolveRecursion(ref *openapi3.SchemaRef) {
	s := ref.Value
	var anchor string
	switch {
	case s.Extensions["$recursiveRef"] != nil:
		delete(s.Extensions, "$recursiveRef")
	case s.DynamicRef != "":
		_, anchor, _ = strings.Cut(s.DynamicRef, "#")
		s.DynamicRef = ""
	default:
		return
	}
	if target := r.recursionTarget(anchor); target != nil {
		ref.Ref, ref.Value = target.Ref, target.Value
	}
}

func (r *repairer) parameter(ref *openapi3.ParameterRef) {
	if ref == nil || ref.Value == nil {
		return
	}
	r.schema(ref.Value.Schema)
	r.content(ref.Value, ref.Value.Content)
}

// content walks the media types of owner (a request body, a response or a
// parameter); a null media type (application/json: null) is read as one
// without a schema.
func (r *repairer) content(owner any, c openapi3.Content) {
	for _, ct := range sortedKeys(c) {
		mt := c[ct]
		if mt == nil {
			c[ct] = &openapi3.MediaType{}
			r.out = append(r.out, repair{elem: owner, key: "content", kind: "null-value",
				message: "media type " + ct + " is null; it is read as one without a schema"})
			continue
		}
		r.schema(mt.Schema)
	}
}

func (r *repairer) schema(ref *openapi3.SchemaRef) {
	if ref == nil || ref.Value == nil {
		return
	}
	r.resolveRecursion(ref)
	if r.seen[ref.Value] {
		return
	}
	if key := strings.TrimPrefix(ref.Ref, componentPrefix); key != ref.Ref && !strings.Contains(key, "/") {
		// Into another component: recursion keywords below resolve there.
		defer func(outer string) { r.component = outer }(r.component)
		r.component = key
	}
	s := ref.Value
	r.seen[s] = true
	r.checkFormat(s)
	if !r.v30 {
		r.read31(s)
	}
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
	if !r.v30 {
		r.exclusiveBound(s, "exclusiveMinimum", &s.ExclusiveMin, &s.Min)
		r.exclusiveBound(s, "exclusiveMaximum", &s.ExclusiveMax, &s.Max)
	}
	if len(s.Required) > 1 {
		count := map[string]int{}
		required := s.Required[:0:0]
		for _, name := range s.Required {
			if count[name]++; count[name] == 1 {
				required = append(required, name)
			}
		}
		for _, name := range required {
			if n := count[name]; n > 1 {
				times := "twice"
				if n > 2 {
					times = strconv.Itoa(n) + " times"
				}
				r.out = append(r.out, repair{elem: s, key: "required", kind: "duplicate-required",
					message: "required lists " + name + " " + times + "; once is meant"})
			}
		}
		s.Required = required
	}
	for _, k := range sortedKeys(s.Extensions) {
		if strings.HasPrefix(k, "x-") || strings.HasPrefix(k, "X-") {
			continue
		}
		delete(s.Extensions, k)
		if k == "$recursiveAnchor" {
			continue // read with $recursiveRef (resolveRecursion)
		}
		msg := "unknown keyword " + k + " is ignored"
		if known := camel(k); known != k && schemaKeywords[known] {
			msg += " (did you mean " + known + "?)"
		}
		r.out = append(r.out, repair{elem: s, key: k, kind: "unknown-keyword", message: msg})
	}
	for _, k := range sortedKeys(s.Properties) {
		r.schema(s.Properties[k])
	}
	for _, k := range sortedKeys(s.Defs) {
		r.schema(s.Defs[k])
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

// exclusiveBound reads a boolean exclusiveMinimum/Maximum (OpenAPI 3.0) in a
// 3.1 document: true makes the minimum/maximum beside it the exclusive bound.
func (r *repairer) exclusiveBound(s *openapi3.Schema, key string, eb *openapi3.ExclusiveBound, bound **float64) {
	if eb.Bool == nil {
		return
	}
	msg := "a boolean " + key + " is OpenAPI 3.0; "
	switch {
	case *eb.Bool && *bound != nil:
		eb.Value, *bound = *bound, nil
		msg += "in this 3.1 document it is read as " + key + ": " + strconv.FormatFloat(*eb.Value, 'f', -1, 64)
	case *eb.Bool:
		msg += "without a bound beside it, it is ignored"
	default:
		msg += "false is ignored"
	}
	eb.Bool = nil
	r.out = append(r.out, repair{elem: s, key: key, kind: "openapi-3.0", message: msg})
}

// schemaKeywords are the keywords of a schema object, to suggest one for an
// unknown keyword spelt in snake case.
var schemaKeywords = map[string]bool{
	"maxItems": true, "minItems": true, "maxLength": true, "minLength": true,
	"maxProperties": true, "minProperties": true, "uniqueItems": true,
	"additionalProperties": true, "readOnly": true, "writeOnly": true,
	"exclusiveMinimum": true, "exclusiveMaximum": true, "multipleOf": true,
	"oneOf": true, "anyOf": true, "allOf": true, "externalDocs": true,
	"patternProperties": true, "propertyNames": true, "prefixItems": true,
}

// camel is snake_case in camelCase: max_items -> maxItems.
func camel(s string) string {
	p := model.Pascal(s)
	if p == "" {
		return s
	}
	return strings.ToLower(p[:1]) + p[1:]
}
