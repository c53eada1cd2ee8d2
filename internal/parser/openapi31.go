package parser

import (
	"reflect"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// OpenAPI 3.1 (JSON Schema 2020-12) is read by restating each of its
// constructs, in the loaded document and before validation, as the OpenAPI
// 3.0 shape that means the same, which the lowering already knows. Each
// reading is decided here, once:
//
//   - type: [T, "null"]: T, nullable;
//   - type: [A, B, ...]: oneOf one schema per type, each with the keywords
//     of its type (items for an array, properties for an object, ...);
//   - const: c (a scalar): enum: [c];
//   - examples: [a, ...] on a schema: example: a;
//   - prefixItems: [A, B] (a tuple): an array whose items are A or B (the
//     positions are not typed: a warning says so), or A when all are one;
//   - patternProperties: a map of the pattern's schema (or of a union of
//     the patterns' schemas), keys not checked;
//   - numeric exclusiveMinimum/Maximum: kept by the lowering (constraints);
//   - $recursiveRef and $dynamicRef: the component they recurse into
//     (lenient.go, resolveRecursion);
//   - $ref with siblings: kin-openapi applies the siblings to a copy of the
//     target; the use site reads its annotations (description, nullable);
//   - $defs: named after their key, declared in shared (typeOf).
//
// What has no Go reading is a warning naming the keyword at its position:
// if/then/else, dependentSchemas, a schema for unevaluatedProperties.
// Keywords that only constrain values (propertyNames, contains,
// dependentRequired, unevaluatedProperties: false, contentSchema) are read
// as the type they constrain, as 3.0's pattern or minLength are.

// read31 restates the 3.1 constructs of one schema (not its subschemas:
// the repairer walks them).
func (r *repairer) read31(s *openapi3.Schema) {
	if s.Const != nil {
		switch {
		case len(s.Enum) > 0:
		case isScalar(s.Const):
			s.Enum = []any{s.Const}
		default:
			r.out = append(r.out, repair{elem: s, key: "const", kind: "unsupported",
				message: "const of an object or an array is not generated: the type is read without it"})
		}
		s.Const = nil
	}
	if s.Example == nil && len(s.Examples) > 0 {
		s.Example = s.Examples[0]
	}
	if len(s.PrefixItems) > 0 {
		r.tuple(s)
	}
	if len(s.PatternProperties) > 0 && s.AdditionalProperties.Schema == nil && s.AdditionalProperties.Has == nil {
		s.AdditionalProperties.Schema = oneSchema(s.PatternProperties)
		s.PatternProperties = nil
	}
	if s.Type != nil && len(*s.Type) > 1 {
		types := slices.DeleteFunc(slices.Clone(*s.Type), func(t string) bool { return t == "null" })
		if len(types) < len(*s.Type) {
			s.Nullable = true
		}
		switch {
		case len(types) == 1:
			s.Type = &openapi3.Types{types[0]}
		case len(s.OneOf) > 0 || len(s.AnyOf) > 0:
			// Both a type list and alternatives: the alternatives say.
			s.Type = nil
		default:
			splitTypes(s, types)
			for _, alt := range s.OneOf {
				r.out = append(r.out, repair{elem: alt.Value, sameAs: s})
			}
		}
	}
	for _, k := range []struct {
		key string
		set bool
	}{
		{"if", s.If != nil}, {"dependentSchemas", len(s.DependentSchemas) > 0},
		{"unevaluatedProperties", s.UnevaluatedProperties.Schema != nil},
		{"unevaluatedItems", s.UnevaluatedItems.Schema != nil},
	} {
		if k.set {
			r.out = append(r.out, repair{elem: s, key: k.key, kind: "unsupported",
				message: k.key + " is not generated: the type is read without it"})
		}
	}
}

func isScalar(v any) bool {
	switch v.(type) {
	case string, bool, float64, int, int64, uint64:
		return true
	}
	return false
}

// oneSchema is the schema of several (patternProperties' values): the one
// they all are, else a union of them.
func oneSchema(m openapi3.Schemas) *openapi3.SchemaRef {
	keys := sortedKeys(m)
	refs := make(openapi3.SchemaRefs, len(keys))
	for i, k := range keys {
		refs[i] = m[k]
	}
	return unionOf(refs)
}

// unionOf is the schema whose values are any of refs': the one when they
// are all the same, else an anyOf of the distinct ones.
func unionOf(refs openapi3.SchemaRefs) *openapi3.SchemaRef {
	var distinct openapi3.SchemaRefs
	for _, ref := range refs {
		if !slices.ContainsFunc(distinct, func(d *openapi3.SchemaRef) bool { return sameSchema(d, ref) }) {
			distinct = append(distinct, ref)
		}
	}
	if len(distinct) == 1 {
		return distinct[0]
	}
	return &openapi3.SchemaRef{Value: &openapi3.Schema{AnyOf: distinct}}
}

func sameSchema(a, b *openapi3.SchemaRef) bool {
	switch {
	case a == nil || b == nil:
		return a == b
	case a.Ref != "" || b.Ref != "":
		return a.Ref == b.Ref
	}
	return a.Value == b.Value || reflect.DeepEqual(a.Value, b.Value)
}

// tuple reads prefixItems: an array of the union of its item schemas (and
// of items, the schema of the items after them).
func (r *repairer) tuple(s *openapi3.Schema) {
	refs := slices.Clone(s.PrefixItems)
	if s.Items != nil {
		refs = append(refs, s.Items)
	}
	s.Items = unionOf(refs)
	if s.Items.Ref == "" && len(s.Items.Value.AnyOf) > 0 {
		r.out = append(r.out, repair{elem: s.Items.Value, sameAs: s})
	}
	if s.Type == nil {
		s.Type = &openapi3.Types{"array"}
	}
	if len(s.Items.Value.AnyOf) > 0 && s.Items.Ref == "" {
		r.out = append(r.out, repair{elem: s, key: "prefixItems", kind: "tuple",
			message: "prefixItems: a tuple is read as an array whose items are any of its item types (positions are not typed)"})
	}
	s.PrefixItems = nil
}

// splitTypes restates a schema of several types as a oneOf of one schema per
// type, each with the keywords that apply to its type.
func splitTypes(s *openapi3.Schema, types []string) {
	for _, typ := range types {
		alt := &openapi3.Schema{Type: &openapi3.Types{typ}, Format: s.Format}
		switch typ {
		case "string":
			alt.Pattern, alt.MinLength, alt.MaxLength = s.Pattern, s.MinLength, s.MaxLength
			alt.ContentMediaType, alt.ContentEncoding = s.ContentMediaType, s.ContentEncoding
		case "integer", "number":
			alt.Min, alt.Max, alt.MultipleOf, alt.ExclusiveMin, alt.ExclusiveMax = s.Min, s.Max, s.MultipleOf, s.ExclusiveMin, s.ExclusiveMax
		case "array":
			alt.Items, alt.MinItems, alt.MaxItems, alt.UniqueItems = s.Items, s.MinItems, s.MaxItems, s.UniqueItems
		case "object":
			alt.Properties, alt.Required, alt.AdditionalProperties = s.Properties, s.Required, s.AdditionalProperties
			alt.MinProps, alt.MaxProps, alt.Discriminator = s.MinProps, s.MaxProps, s.Discriminator
		}
		if typ != "string" {
			alt.Format = ""
		}
		for _, v := range s.Enum {
			if enumOfType(v, typ) {
				alt.Enum = append(alt.Enum, v)
			}
		}
		s.OneOf = append(s.OneOf, &openapi3.SchemaRef{Value: alt})
	}
	s.Type, s.Format, s.Enum = nil, "", nil
	s.Items, s.Properties, s.Required = nil, nil, nil
	s.AdditionalProperties = openapi3.AdditionalProperties{}
	s.Discriminator = nil
}

// enumOfType reports whether an enum value is of the JSON type typ.
func enumOfType(v any, typ string) bool {
	switch x := v.(type) {
	case string:
		return typ == "string"
	case bool:
		return typ == "boolean"
	case float64:
		return typ == "number" || (typ == "integer" && x == float64(int64(x)))
	case map[string]any:
		return typ == "object"
	case []any:
		return typ == "array"
	}
	return false
}

// isDefsRef reports a $ref into a schema's $defs ("#/components/schemas/A/
// $defs/B", "#/$defs/B"), and the key it is named after.
func isDefsRef(ref string) (string, bool) {
	i := strings.LastIndex(ref, "/$defs/")
	if i < 0 || strings.Contains(ref[i+len("/$defs/"):], "/") {
		return "", false
	}
	return ref[i+len("/$defs/"):], true
}
