package parser

import (
	"encoding/json"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/oasgo/gen/internal/model"
)

const componentPrefix = "#/components/schemas/"

// home is where inline named types of a context are declared, and ctx the
// location of the context whose name they are named after (a type, an
// operation): a type written elsewhere (under a component response, a
// path's parameters, a $ref into another schema) borrows its name from the
// context that met it first, so that name is kept as recorded even when
// another context meets it first later (model.Namer.ClaimBorrowed).
type home struct {
	pkg  string
	file string
	ctx  string
}

// under reports whether location loc is ctx or inside it.
func under(loc, ctx string) bool {
	rest, ok := strings.CutPrefix(loc, ctx)
	return ok && (rest == "" || rest[0] == '/' || rest[0] == '#')
}

// lowerComponents claims the names of every component schema first (in key
// order), so that component names win over inline ones, then lowers them.
func (b *builder) lowerComponents() {
	if b.doc.Components == nil {
		return
	}
	keys := sortedKeys(b.doc.Components.Schemas)
	for _, k := range keys {
		if ref := b.doc.Components.Schemas[k]; ref != nil && ref.Value != nil && b.namedKind(ref.Value) >= 0 {
			b.claimed[k] = b.shared.Claim(componentName(k, ref.Value), componentLoc(k), b.pos(b.at(ref.Value, ref.Value.Origin)))
		}
	}
	for _, k := range keys {
		b.component(k)
	}
}

// componentName is the Go name a component schema's type gets.
func componentName(key string, s *openapi3.Schema) string {
	name := model.Pascal(key)
	if len(s.Enum) > 0 && !strings.HasSuffix(name, "Enum") {
		name += "Enum"
	}
	return name
}

// component returns the type of components.schemas[key], lowering it on first
// use. A recursive reference finds the placeholder already registered.
func (b *builder) component(key string) *model.Type {
	if t, ok := b.components[key]; ok {
		return t
	}
	ref := b.doc.Components.Schemas[key]
	if ref == nil || ref.Value == nil {
		t := &model.Type{Kind: model.KindAny}
		b.components[key] = t
		return t
	}
	s := ref.Value
	t := &model.Type{SchemaName: key, Loc: componentLoc(key), Pos: b.pos(b.at(s, s.Origin)), Description: s.Description}
	b.components[key] = t
	defer func(outer model.Pos) { b.where = outer }(b.where)
	b.where = t.Pos
	if sole, _ := soleAlternative(s); s.Discriminator != nil && sole != nil {
		b.checkMapping(componentName(key, s), s.Discriminator) // not a union: fillUnion does not run
	}
	kind := b.namedKind(s)
	if kind < 0 {
		// A component that is a primitive, an array or a map: no declaration of
		// its own, the use site spells it (as the reference does).
		lowered := b.lowerInline(ref, componentName(key, s), home{model.PkgShared, "", t.Loc}, t.Pos, t.Loc)
		*t = *lowered
		if lowered.IsNamed() {
			// Another declared type (anyOf: [$ref: X, null] is X): later
			// uses get that type itself; earlier (recursive) ones a copy.
			b.components[key] = lowered
			return lowered
		}
		if containsItself(t) {
			// An array or map of itself (L: [L], M: {string: M}) cannot be
			// spelled in place: it is declared, type L []L.
			t.SchemaName, t.Loc = key, componentLoc(key)
			t.Name = b.shared.Claim(componentName(key, s), t.Loc, t.Pos)
			t.Pkg, t.File = model.PkgShared, model.FileName(t.Name)
			b.api.Types = append(b.api.Types, t)
		}
		return t
	}
	name := b.claimed[key]
	b.checkAllOf(s, name)
	t.Kind, t.Name, t.Pkg, t.File = kind, name, model.PkgShared, model.FileName(name)
	b.fill(t, s, home{model.PkgShared, t.File, t.Loc})
	b.api.Types = append(b.api.Types, t)
	return t
}

// checkAllOf refuses an allOf whose parts have types no value can hold at
// once (string and integer).
func (b *builder) checkAllOf(s *openapi3.Schema, name string) {
	if len(s.AllOf) == 0 {
		return
	}
	if kinds, _, _ := allOfValue(s); len(kinds) > 1 {
		b.errorf(b.fieldPos(b.at(s, s.Origin), "allOf"), "%s: allOf of incompatible types %s: no value can satisfy them all", name, strings.Join(kinds, " and "))
	}
}

// allOfValue looks at the types an allOf combines (its own and its parts',
// through nested allOfs): kinds lists them when they are not all one
// (string and integer cannot both hold); typed is the part to lower the
// whole as when that one type is not an object (an allOf wrapping an enum
// or a string), nil for objects, and at its pointer below s ("/allOf/1").
func allOfValue(s *openapi3.Schema) (kinds []string, typed *openapi3.SchemaRef, at string) {
	seen := map[string]bool{}
	var first *openapi3.SchemaRef
	var firstAt string
	var walk func(ref *openapi3.SchemaRef, depth int, at string)
	note := func(kind string, ref *openapi3.SchemaRef, at string) {
		if kind == "integer" && seen["number"] || kind == "number" && seen["integer"] {
			return // an integer is a number
		}
		if !seen[kind] {
			seen[kind] = true
			kinds = append(kinds, kind)
			if first == nil {
				first, firstAt = ref, at
			}
		}
	}
	walk = func(ref *openapi3.SchemaRef, depth int, at string) {
		if ref == nil || ref.Value == nil || depth > 32 {
			return
		}
		v := ref.Value
		switch {
		case len(v.Properties) > 0 || v.Type.Is("object") || v.AdditionalProperties.Schema != nil || len(v.OneOf) > 0 || len(v.AnyOf) > 0:
			note("object", nil, at)
		case v.Type != nil && len(*v.Type) == 1:
			note((*v.Type)[0], ref, at)
		}
		for i, part := range v.AllOf {
			walk(part, depth+1, at+"/allOf/"+strconv.Itoa(i))
		}
	}
	walk(&openapi3.SchemaRef{Value: s}, 0, "")
	if len(kinds) == 1 && kinds[0] != "object" && first != nil && first.Value != s {
		typed, at = first, firstAt
	}
	return kinds, typed, at
}

// containsItself reports whether t's elements, through arrays and maps
// spelled in place, are t again.
func containsItself(t *model.Type) bool {
	for e := t.Elem; e != nil && (e.Kind == model.KindArray || e.Kind == model.KindMap); e = e.Elem {
		if e == t {
			return true
		}
		if e.IsNamed() {
			return false
		}
	}
	return false
}

// namedKind says which declared kind a schema lowers to, or -1 for shapes
// spelled in place (primitives, arrays, maps).
func (b *builder) namedKind(s *openapi3.Schema) model.Kind {
	switch {
	case len(s.Enum) > 0:
		return model.KindEnum
	case len(s.OneOf) > 0 || len(s.AnyOf) > 0:
		if sole, _ := soleAlternative(s); sole != nil {
			return -1 // anyOf: [T, {type: "null"}] is T, nullable
		}
		if len(s.Properties) > 0 && constraintsOnly(s.OneOf) && constraintsOnly(s.AnyOf) {
			// Alternatives such as {required: [id]} only constrain the
			// properties declared beside them: the shape is the struct.
			return model.KindStruct
		}
		return model.KindUnion
	case len(s.AllOf) > 0:
		if u, _ := soleAllOfUnion(s); u != nil {
			return -1 // allOf: [$ref: a union, {nullable: true}] is that union
		}
		if _, typed, _ := allOfValue(s); typed != nil {
			return -1 // an allOf of scalars, arrays or enums is that type
		}
		return model.KindStruct
	case len(s.Properties) > 0:
		return model.KindStruct
	case s.AdditionalProperties.Has != nil && !*s.AdditionalProperties.Has && s.AdditionalProperties.Schema == nil:
		// "additionalProperties: false" and no properties: an empty struct.
		// Any other property-less object is a free-form map.
		return model.KindStruct
	}
	return -1
}

// typeOf lowers a schema reference used at some site. name is the Go name an
// inline declaration would get (parent + property); loc is the site's
// location (a $ref's target is at the $ref).
func (b *builder) typeOf(ref *openapi3.SchemaRef, name string, h home, loc string) *model.Type {
	if ref == nil {
		return &model.Type{Kind: model.KindAny}
	}
	if strings.HasPrefix(ref.Ref, componentPrefix) && !strings.Contains(ref.Ref[len(componentPrefix):], "/") {
		return b.component(ref.Ref[len(componentPrefix):])
	}
	if ref.Value == nil {
		return &model.Type{Kind: model.KindAny}
	}
	if ref.Ref != "" {
		loc = refLoc(loc, ref.Ref)
	}
	if key, ok := isDefsRef(ref.Ref); ok {
		// A schema of $defs is named after its key and declared in
		// shared, like a component.
		return b.lowerInline(ref, model.Pascal(key), home{model.PkgShared, "", loc}, b.pos(b.at(ref.Value, ref.Value.Origin)), loc)
	}
	if file, frag, ok := strings.Cut(ref.Ref, "#/"); ok && file != "" && frag != "" {
		// A schema in another file (-allow-external-refs) is named after
		// its last path segment and declared in shared, like a component.
		seg := frag[strings.LastIndex(frag, "/")+1:]
		return b.lowerInline(ref, model.Pascal(seg), home{model.PkgShared, "", loc}, b.pos(b.at(ref.Value, ref.Value.Origin)), loc)
	}
	return b.lowerInline(ref, name, h, b.pos(b.at(ref.Value, ref.Value.Origin)), loc)
}

// lowerInline lowers a schema written in place (or reached by a $ref into
// another schema's insides) at location loc, declaring a named type when it
// needs one.
func (b *builder) lowerInline(ref *openapi3.SchemaRef, name string, h home, pos model.Pos, loc string) *model.Type {
	s := ref.Value
	b.checkAllOf(s, name)
	if kind := b.namedKind(s); kind >= 0 {
		// The same inline schema reached twice (an allOf that pulls in a
		// component's properties, a $ref into another schema) is one type,
		// named where it was first met.
		if t, ok := b.inline[s]; ok {
			return t
		}
		if h.file == "" {
			h.file = model.FileName(name)
		}
		want := name
		if kind == model.KindEnum && !strings.HasSuffix(want, "Enum") {
			want += "Enum"
		}
		t := &model.Type{Kind: kind, Pkg: h.pkg, File: h.file, Pos: pos, Loc: loc, Description: s.Description}
		b.inline[s] = t
		if under(loc, h.ctx) {
			t.Name = b.namerFor(h.pkg).Claim(want, loc, pos)
		} else {
			t.Name = b.namerFor(h.pkg).ClaimBorrowed(want, loc, pos)
		}
		b.fill(t, s, h)
		b.api.Types = append(b.api.Types, t)
		return t
	}
	if len(s.AllOf) > 0 {
		if _, typed, at := allOfValue(s); typed != nil {
			return b.typeOf(typed, name, h, loc+at)
		}
	}
	if sole, at := soleAlternative(s); sole != nil {
		return b.typeOf(sole, name, h, loc+at)
	}
	if u, at := soleAllOfUnion(s); u != nil {
		return b.typeOf(u, name, h, loc+at)
	}
	t := &model.Type{Pos: pos, Loc: loc, Description: s.Description, Format: s.Format}
	b.constraints(t, s)
	switch {
	case s.Not != nil && (s.Type == nil || s.Type.IsEmpty()):
		// "anything but X" has no Go type: keep the JSON as it is.
		t.Kind = model.KindRaw
		b.warnf("untyped", pos, "%s: a schema defined only by \"not\" cannot be typed; it is json.RawMessage", name)
	case s.Type.Is("array") || (s.Type.IsEmpty() && s.Items != nil):
		// items without a type: the evident array.
		t.Kind = model.KindArray
		t.Elem = b.typeOf(s.Items, name, h, loc+"/items")
		t.ElemNullable = mayBeNull(s.Items)
	case s.Type.Is("object") || (s.Type == nil && (s.AdditionalProperties.Schema != nil || s.AdditionalProperties.Has != nil)):
		t.Kind = model.KindMap
		if s.AdditionalProperties.Schema != nil {
			t.Elem = b.typeOf(s.AdditionalProperties.Schema, name+"Value", h, loc+"/additionalProperties")
			t.ElemNullable = mayBeNull(s.AdditionalProperties.Schema)
		} else {
			t.Elem = &model.Type{Kind: model.KindAny}
		}
	case s.Type.Is("string"):
		switch s.Format {
		case "date-time":
			t.Kind = model.KindTime
		case "date":
			t.Kind = model.KindDate
		case "binary":
			t.Kind = model.KindBytes
		case "":
			if s.ContentEncoding == "base64" {
				t.Kind = model.KindBytes // JSON carries []byte as base64
			} else {
				t.Kind = model.KindString
			}
		default:
			t.Kind = model.KindString
		}
	case s.Type.Is("integer"):
		t.Kind = model.KindInt
	case s.Type.Is("number"):
		t.Kind = model.KindFloat
	case s.Type.Is("boolean"):
		t.Kind = model.KindBool
	case s.Type.Is("null"):
		t.Kind = model.KindAny
		b.warnf("untyped", pos, "%s: a value that is always null has no Go type; it is interface{}", name)
	default:
		t.Kind = model.KindAny
	}
	return t
}

func (b *builder) constraints(t *model.Type, s *openapi3.Schema) {
	t.Pattern, t.Min, t.Max, t.MinLength, t.MaxLength = s.Pattern, s.Min, s.Max, s.MinLength, s.MaxLength
	// Exclusive bounds: 3.0's boolean beside minimum, 3.1's number.
	t.ExclusiveMin, t.ExclusiveMax = s.ExclusiveMin.IsTrue(), s.ExclusiveMax.IsTrue()
	if v := s.ExclusiveMin.Value; v != nil && (t.Min == nil || *v >= *t.Min) {
		t.Min, t.ExclusiveMin = v, true
	}
	if v := s.ExclusiveMax.Value; v != nil && (t.Max == nil || *v <= *t.Max) {
		t.Max, t.ExclusiveMax = v, true
	}
	t.MinItems = s.MinItems
	t.Example = b.checkedValue(s, b.at(s, s.Origin), "example", s.Example)
	t.Default = b.checkedValue(s, b.at(s, s.Origin), "default", s.Default)
	t.Format = s.Format
}

// fill lowers the body of a declared type: its inline types are named
// after it.
func (b *builder) fill(t *model.Type, s *openapi3.Schema, h home) {
	h.ctx = t.Loc
	b.constraints(t, s)
	switch t.Kind {
	case model.KindEnum:
		b.fillEnum(t, s)
	case model.KindStruct:
		b.fillStruct(t, s, h)
	case model.KindUnion:
		b.fillUnion(t, s, h)
	}
}

func (b *builder) fillEnum(t *model.Type, s *openapi3.Schema) {
	t.EnumBase = model.KindString
	want := "string"
	switch {
	case s.Type.Is("integer"):
		t.EnumBase, want = model.KindInt, "integer"
	case s.Type.Is("number"):
		t.EnumBase, want = model.KindFloat, "number"
	case s.Type.Is("boolean"):
		t.EnumBase, want = model.KindBool, "boolean"
	case s.Type == nil || s.Type.IsEmpty():
		// No type: the values say (all strings, else all numbers, ...).
		t.EnumBase, want = inferEnumBase(s.Enum)
	}
	// Enum constants share their package's scope with the types.
	names := b.namerFor(t.Pkg)
	o := b.at(s, s.Origin)
	var locs []openapi3.Location
	if o != nil {
		locs = o.Sequences["enum"]
	}
	seen := map[string]bool{}
	for i, v := range s.Enum {
		var pos model.Pos
		if i < len(locs) {
			pos = model.Pos{File: b.displayFile(locs[i].File), Line: locs[i].Line, Col: locs[i].Column}
		} else {
			pos = b.fieldPos(o, "enum")
		}
		if v == nil {
			continue // null in an enum says "nullable" (mayBeNull); it is not a constant
		}
		if !enumValueFits(v, t.EnumBase) {
			b.errorf(pos, "enum value %s of %s is not a %s, the enum's type", enumText(v), t.Name, want)
			continue
		}
		text := enumText(v)
		if seen[text] {
			continue // a repeated value is one constant
		}
		seen[text] = true
		ev := &model.EnumValue{Value: text, Pos: pos, Loc: t.Loc + "/enum/" + seg(text)}
		ev.GoName = names.Claim(t.Name+enumValueName(text, t.EnumBase), ev.Loc, pos)
		t.Values = append(t.Values, ev)
	}
}

// enumValueName is the part of an enum constant's name after the type's:
// Crm for "crm", 0 and Minus1Dot5 for numbers, True for true.
func enumValueName(text string, base model.Kind) string {
	switch base {
	case model.KindInt, model.KindFloat:
		return strings.NewReplacer("-", "Minus", ".", "Dot", "+", "Plus").Replace(text)
	case model.KindBool:
		return model.Pascal(text)
	}
	return model.EnumValueName(text)
}

// inferEnumBase is the base of an enum without a type, from its values.
func inferEnumBase(vals []any) (model.Kind, string) {
	kinds := map[model.Kind]bool{}
	for _, v := range vals {
		switch x := v.(type) {
		case string:
			kinds[model.KindString] = true
		case bool:
			kinds[model.KindBool] = true
		case float64:
			if x == float64(int64(x)) {
				kinds[model.KindInt] = true
			} else {
				kinds[model.KindFloat] = true
			}
		case nil:
		default:
			kinds[model.KindString] = true
		}
	}
	switch {
	case len(kinds) == 1 && kinds[model.KindBool]:
		return model.KindBool, "boolean"
	case len(kinds) == 1 && kinds[model.KindInt]:
		return model.KindInt, "integer"
	case len(kinds) >= 1 && !kinds[model.KindString] && !kinds[model.KindBool]:
		return model.KindFloat, "number"
	}
	return model.KindString, "string"
}

// enumValueFits reports whether v is a value of an enum of base kind.
func enumValueFits(v any, base model.Kind) bool {
	switch x := v.(type) {
	case string:
		return base == model.KindString
	case bool:
		return base == model.KindBool
	case float64:
		return base == model.KindFloat || (base == model.KindInt && x == float64(int64(x)))
	case int, int64, uint64:
		return base == model.KindInt || base == model.KindFloat
	}
	return false
}

func enumText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	default:
		data, _ := json.Marshal(x)
		return string(data)
	}
}

// property is one property of a struct after allOf merging.
type property struct {
	name     string
	ref      *openapi3.SchemaRef
	required bool
	pos      model.Pos
	loc      string // where the property's schema is written
}

// collectProps merges the properties of s and of its allOf parts (in order;
// a later definition of the same property wins), with their required flags,
// and says whether other properties are allowed (extra: their schema, or nil
// for any value, written at extraLoc). s is written at loc.
func (b *builder) collectProps(s *openapi3.Schema, loc string, seen map[*openapi3.Schema]bool) (props map[string]*property, open bool, extra *openapi3.SchemaRef, extraLoc string) {
	props = map[string]*property{}
	if seen[s] {
		return props, false, nil, ""
	}
	seen[s] = true
	for i, part := range s.AllOf {
		if part == nil || part.Value == nil {
			continue
		}
		partLoc := loc + "/allOf/" + strconv.Itoa(i)
		if strings.HasPrefix(part.Ref, componentPrefix) && !strings.Contains(part.Ref[len(componentPrefix):], "/") {
			// Lower the referenced component first, so that the inline types
			// its properties declare are named after it, not after us.
			b.component(part.Ref[len(componentPrefix):])
		}
		if part.Ref != "" {
			partLoc = refLoc(loc, part.Ref)
		}
		sub, subOpen, subExtra, subExtraLoc := b.collectProps(part.Value, partLoc, seen)
		for k, p := range sub {
			props[k] = p
		}
		if subOpen {
			open, extra, extraLoc = true, subExtra, subExtraLoc
		}
	}
	for _, k := range sortedKeys(s.Properties) {
		pos := b.fieldPos(b.at(s, s.Origin), k) // the schema's, when the key's is unknown
		if ref := s.Properties[k]; ref != nil && ref.Ref == "" && ref.Value != nil {
			if o := b.at(ref.Value, ref.Value.Origin); o != nil && o.Key != nil {
				pos = b.pos(o) // the property's key
			}
		}
		props[k] = &property{name: k, ref: s.Properties[k], pos: pos, loc: loc + "/properties/" + seg(k)}
	}
	for _, r := range s.Required {
		if p, ok := props[r]; ok {
			p.required = true
		}
	}
	if s.AdditionalProperties.Schema != nil {
		open, extra, extraLoc = true, s.AdditionalProperties.Schema, loc+"/additionalProperties"
	} else if s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has {
		open, extra = true, nil
	}
	return props, open, extra, extraLoc
}

func (b *builder) fillStruct(t *model.Type, s *openapi3.Schema, h home) {
	props, open, extra, extraLoc := b.collectProps(s, t.Loc, map[*openapi3.Schema]bool{})
	if len(s.OneOf) > 1 && constraintsOnly(s.OneOf) {
		for _, alt := range s.OneOf {
			t.OneOfRequired = append(t.OneOfRequired, alt.Value.Required)
		}
	}
	for _, k := range sortedKeys(props) {
		p := props[k]
		if !model.ValidJSONName(k) {
			b.errorf(p.pos, "property name %q cannot be carried by a Go struct tag (quote, backslash, backtick, comma or control character)", k)
			continue
		}
		ps := p.ref.Value
		f := &model.Field{Name: k, GoName: model.Pascal(k), Optional: !p.required, Pos: p.pos, Loc: "field:" + k}
		if ps != nil {
			f.Nullable = mayBeNull(p.ref)
			f.ReadOnly, f.WriteOnly, f.Deprecated = ps.ReadOnly, ps.WriteOnly, ps.Deprecated
			f.Description = ps.Description
			f.Default = b.checkedValue(ps, b.at(ps, ps.Origin), "default", ps.Default)
			f.Example = b.checkedValue(ps, b.at(ps, ps.Origin), "example", ps.Example)
			if f.Pos.Line == 0 {
				f.Pos = b.pos(b.at(ps, ps.Origin))
			}
		}
		f.Type = b.typeOf(p.ref, t.Name+model.Pascal(k), h, p.loc)
		if f.Description == "" && f.Type.IsNamed() {
			f.Description = f.Type.Description
		}
		t.Fields = append(t.Fields, f)
	}
	if open && len(t.Fields) > 0 {
		// Properties beside the declared ones are kept, not dropped.
		elem := &model.Type{Kind: model.KindAny}
		if extra != nil {
			elem = b.typeOf(extra, t.Name+"AdditionalProperties", h, extraLoc)
		}
		// First, so that it keeps its name beside a property
		// additional_properties.
		t.Fields = append([]*model.Field{{
			Kind: model.FieldExtra, GoName: "AdditionalProperties",
			Type: &model.Type{Kind: model.KindMap, Elem: elem, ElemNullable: mayBeNull(extra)}, Optional: true,
			Description: "AdditionalProperties holds the properties the schema does not declare.",
			Pos:         t.Pos, Loc: "field:*",
		}}, t.Fields...)
	}
	b.nameFields(t)
	model.SortFields(t.Fields)
}

// nameFields names the fields of struct t and their getters (nameMembers).
func (b *builder) nameFields(t *model.Type) {
	ms := make([]member, len(t.Fields))
	for i, f := range t.Fields {
		ms[i] = member{id: f.Loc, name: &f.GoName, getter: &f.Getter, pos: f.Pos}
	}
	b.nameMembers(t.Loc, ms)
}

// nameVariants names the alternatives of union t and their getters
// (nameMembers).
func (b *builder) nameVariants(t *model.Type) {
	ms := make([]member, len(t.Variants))
	for i, v := range t.Variants {
		ms[i] = member{id: v.Loc, name: &v.GoName, getter: &v.Getter, pos: t.Pos}
	}
	b.nameMembers(t.Loc, ms)
}

// typeMethods are the methods a generated struct or union may declare
// besides its getters: no field may take their names.
var typeMethods = []string{"MarshalJSON", "UnmarshalJSON"}

// member is one member of a struct or union to name: its location in the
// owner's scope ("field:status"), its name (the wanted one on entry) and
// its getter's.
type member struct {
	id           string
	name, getter *string
	pos          model.Pos
}

// nameMembers decides the Go names of the members of one struct (fields or
// union alternatives) at location owner and of their getters, in one scope,
// as protoc-gen-go does: the methods (MarshalJSON, UnmarshalJSON, and Get+
// each member's wanted name) are reserved first, so a member that wants a
// method's name yields (get_name beside name: GetName2, whose getter is
// GetGetName2) — unless a previous decision gave it that name. Contested
// names are recorded (getters as "getter:" + the member's location).
func (b *builder) nameMembers(owner string, ms []member) {
	scope := model.MemberScope(owner)
	fields := b.naming.Namer(scope, false, typeMethods...)
	soft := make([]string, len(ms))
	for i, m := range ms {
		soft[i] = "Get" + *m.name
	}
	fields.Soft(soft...)
	for _, m := range ms {
		*m.name = fields.Claim(*m.name, m.id, m.pos)
	}
	methods := b.naming.Namer(scope, false, typeMethods...)
	for _, m := range ms {
		methods.Take(*m.name, m.id)
	}
	for _, m := range ms {
		*m.getter = methods.Claim("Get"+*m.name, "getter:"+m.id, m.pos)
	}
}

func (b *builder) fillUnion(t *model.Type, s *openapi3.Schema, h home) {
	alts := s.OneOf
	if len(alts) == 0 {
		alts = s.AnyOf
		t.AnyOf = true
	}
	if s.Discriminator != nil {
		t.Discriminator = s.Discriminator.PropertyName
		b.checkMapping(t.Name, s.Discriminator)
	}
	for i, alt := range alts {
		if alt != nil && alt.Value != nil && isNullSchema(alt.Value) {
			// {type: "null"} (or enum: [null]) says the union may be null:
			// a union with no alternative set is null on the wire.
			continue
		}
		// An alternative declared here is named after the union and its
		// shape: DetailObject, ValueItem (the items of an array
		// alternative), else DetailAlternative2.
		suffix := "Alternative" + strconv.Itoa(i+1)
		if alt != nil && alt.Value != nil {
			switch {
			case alt.Value.Type.Is("array"):
				suffix = "Item"
			case alt.Value.Type.Is("object") || len(alt.Value.Properties) > 0 || len(alt.Value.AllOf) > 0:
				suffix = "Object"
			case len(alt.Value.Enum) > 0:
				suffix = ""
			}
		}
		altLoc := t.Loc + "/oneOf/" + strconv.Itoa(i)
		if t.AnyOf {
			altLoc = t.Loc + "/anyOf/" + strconv.Itoa(i)
		}
		vt := b.typeOf(alt, t.Name+suffix, h, altLoc)
		if vt == t {
			// oneOf: [$ref: itself, ...] adds no value the others do not
			// hold, and decoding it would never end.
			b.warnf("union-cycle", b.pos(b.at(alt.Value, alt.Value.Origin)), "%s: alternative %d is %s itself; it is left out", t.Name, i+1, t.Name)
			continue
		}
		goName := variantName(vt)
		if vt.IsNamed() && vt.SchemaName == "" && strings.HasPrefix(vt.Name, t.Name) && len(vt.Name) > len(t.Name) {
			goName = model.Pascal(vt.Name[len(t.Name):])
		}
		v := &model.Variant{Type: vt, GoName: goName, Loc: "variant:" + goName}
		if s.Discriminator != nil {
			v.Tags = discriminatorTags(s.Discriminator, alt)
		}
		t.Variants = append(t.Variants, v)
	}
	// A discriminator value selects one alternative: the first that claims it.
	claimed := map[string]bool{}
	for _, v := range t.Variants {
		tags := v.Tags[:0:0]
		for _, tag := range v.Tags {
			if !claimed[tag] {
				claimed[tag] = true
				tags = append(tags, tag)
			}
		}
		v.Tags = tags
	}
	b.nameVariants(t)
}

// soleAlternative is the one alternative of a oneOf or anyOf whose others
// are all null ({type: "null"}), on a schema that declares nothing else of
// its own: the schema is that alternative, nullable, at its pointer below s
// ("/oneOf/1"). nil otherwise.
func soleAlternative(s *openapi3.Schema) (*openapi3.SchemaRef, string) {
	if (len(s.OneOf) > 0) == (len(s.AnyOf) > 0) || len(s.Properties) > 0 || len(s.AllOf) > 0 || len(s.Enum) > 0 ||
		s.AdditionalProperties.Schema != nil || s.Items != nil || (s.Type != nil && !s.Type.IsEmpty() && !s.Type.Is("null")) {
		return nil, ""
	}
	alts, key := s.OneOf, "/oneOf/"
	if len(alts) == 0 {
		alts, key = s.AnyOf, "/anyOf/"
	}
	var sole *openapi3.SchemaRef
	var at string
	for i, alt := range alts {
		if alt != nil && alt.Value != nil && isNullSchema(alt.Value) {
			continue
		}
		if sole != nil {
			return nil, ""
		}
		sole, at = alt, key+strconv.Itoa(i)
	}
	return sole, at
}

// soleAllOfUnion is the one part of an allOf that is a union (oneOf or
// anyOf) when its other parts only annotate ({nullable: true}, a
// description) and the schema declares nothing else: the schema is that
// union, at its pointer below s ("/allOf/0"). nil otherwise (an allOf of
// objects is a struct of their properties; a union has none).
func soleAllOfUnion(s *openapi3.Schema) (*openapi3.SchemaRef, string) {
	if len(s.Properties) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0 || len(s.Enum) > 0 || s.Items != nil ||
		s.AdditionalProperties.Schema != nil || (s.Type != nil && !s.Type.IsEmpty()) {
		return nil, ""
	}
	var sole *openapi3.SchemaRef
	var at string
	for i, part := range s.AllOf {
		if part == nil || part.Value == nil {
			return nil, ""
		}
		if part.Ref == "" && constraintsOnly(openapi3.SchemaRefs{part}) && len(part.Value.Required) == 0 {
			continue // {nullable: true}, {description: ...}
		}
		if sole != nil {
			return nil, ""
		}
		sole, at = part, "/allOf/"+strconv.Itoa(i)
	}
	if sole == nil || len(sole.Value.Properties) > 0 || (len(sole.Value.OneOf) == 0 && len(sole.Value.AnyOf) == 0) {
		return nil, ""
	}
	return sole, at
}

// mayBeNull reports whether a schema allows null: nullable, null among
// its enum values, or a null alternative of a union.
func mayBeNull(ref *openapi3.SchemaRef) bool {
	if ref == nil || ref.Value == nil {
		return false
	}
	s := ref.Value
	if s.Nullable || isNullSchema(s) || slices.Contains(s.Enum, nil) {
		return true
	}
	for _, alt := range append(append(openapi3.SchemaRefs(nil), s.OneOf...), s.AnyOf...) {
		if alt != nil && alt.Value != nil && isNullSchema(alt.Value) {
			return true
		}
	}
	if u, _ := soleAllOfUnion(s); u != nil {
		for _, part := range s.AllOf {
			if part.Ref == "" && part.Value.Nullable {
				return true // allOf: [X, {nullable: true}]
			}
		}
	}
	return false
}

// isNullSchema reports whether s allows only null: {type: "null"}, or
// {enum: [null]}.
func isNullSchema(s *openapi3.Schema) bool {
	if s.Type != nil && len(*s.Type) == 1 && s.Type.Is("null") {
		return true
	}
	return len(s.Enum) == 1 && s.Enum[0] == nil
}

// variantName names a union alternative after its type.
func variantName(t *model.Type) string {
	if t.IsNamed() {
		return t.Name
	}
	switch t.Kind {
	case model.KindString, model.KindDate:
		return "String"
	case model.KindInt:
		return "Integer"
	case model.KindFloat:
		return "Number"
	case model.KindBool:
		return "Boolean"
	case model.KindTime:
		return "DateTime"
	case model.KindArray:
		return "ArrayOf" + variantName(t.Elem)
	case model.KindMap:
		return "MapOf" + variantName(t.Elem)
	case model.KindBytes:
		if t.Format == "binary" {
			return "File" // a file, in a multipart body
		}
	}
	return "Any"
}

// checkMapping refuses a discriminator mapping to a schema that does not
// exist (kin-openapi does not resolve mappings).
func (b *builder) checkMapping(name string, d *openapi3.Discriminator) {
	for _, tag := range sortedKeys(d.Mapping) {
		ref := d.Mapping[tag].Ref
		key, local := strings.CutPrefix(ref, componentPrefix)
		if !local && !strings.Contains(ref, "#") && !strings.Contains(ref, "/") {
			key, local = ref, true // a bare schema name
		}
		if !local || strings.Contains(key, "/") {
			continue
		}
		if b.doc.Components == nil || b.doc.Components.Schemas[key] == nil {
			b.errorf(b.fieldPos(b.at(d, d.Origin), "mapping"), "%s: discriminator value %q maps to %s, which is not a schema of components.schemas", name, tag, ref)
		}
	}
}

func discriminatorTags(d *openapi3.Discriminator, alt *openapi3.SchemaRef) []string {
	var tags []string
	for _, k := range sortedKeys(d.Mapping) {
		if d.Mapping[k].Ref == alt.Ref {
			tags = append(tags, k)
		}
	}
	if len(tags) == 0 && strings.HasPrefix(alt.Ref, componentPrefix) {
		tags = append(tags, alt.Ref[len(componentPrefix):])
	}
	return tags
}

// toValue converts a decoded YAML/JSON value into a model value. Object keys
// are sorted here; the spec's own key order is restored by the example pass.
func toValue(v any) *model.Value {
	switch x := v.(type) {
	case nil:
		return nil
	case bool:
		return &model.Value{Kind: model.ValBool, Bool: x}
	case float64:
		return &model.Value{Kind: model.ValNumber, Number: strconv.FormatFloat(x, 'f', -1, 64)}
	case int:
		return &model.Value{Kind: model.ValNumber, Number: strconv.Itoa(x)}
	case int64:
		return &model.Value{Kind: model.ValNumber, Number: strconv.FormatInt(x, 10)}
	case uint64:
		return &model.Value{Kind: model.ValNumber, Number: strconv.FormatUint(x, 10)}
	case string:
		return &model.Value{Kind: model.ValString, String: x}
	case []any:
		out := &model.Value{Kind: model.ValArray}
		for _, e := range x {
			item := toValue(e)
			if item == nil {
				item = &model.Value{Kind: model.ValNull}
			}
			out.Items = append(out.Items, item)
		}
		return out
	case map[string]any:
		out := &model.Value{Kind: model.ValObject}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			item := toValue(x[k])
			if item == nil {
				item = &model.Value{Kind: model.ValNull}
			}
			out.Keys = append(out.Keys, k)
			out.Fields = append(out.Fields, item)
		}
		return out
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var back any
	if json.Unmarshal(data, &back) != nil {
		return nil
	}
	return toValue(back)
}

// constraintsOnly reports whether every alternative only constrains (no
// type, properties, items, enum, composition or reference of its own).
func constraintsOnly(alts openapi3.SchemaRefs) bool {
	for _, a := range alts {
		if a == nil || a.Ref != "" || a.Value == nil {
			return false
		}
		v := a.Value
		if (v.Type != nil && !v.Type.IsEmpty()) || len(v.Properties) > 0 || v.Items != nil || len(v.Enum) > 0 ||
			len(v.OneOf) > 0 || len(v.AnyOf) > 0 || len(v.AllOf) > 0 {
			return false
		}
	}
	return true
}
